from exercise import decode_message

SECRET = "TWVldCBtZSBhdCB0aGUgbGlicmFyeSBhdCBub29u"


def test_decodes_a_message():
    assert decode_message(SECRET) == "Meet me at the library at noon"


def test_decodes_unicode():
    assert decode_message("Y2Fmw6kg4piV") == "café ☕"
