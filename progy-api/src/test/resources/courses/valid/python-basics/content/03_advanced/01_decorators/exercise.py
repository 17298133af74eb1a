def deco(f): pass
