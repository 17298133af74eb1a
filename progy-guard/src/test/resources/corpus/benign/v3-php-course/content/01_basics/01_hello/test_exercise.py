import subprocess


def test_page_greets():
    out = subprocess.run(["php", "-r", "$_GET['name'] = 'Ada'; include 'index.php';"], capture_output=True, text=True, check=False)
    assert "Hello, Ada!" in out.stdout
