# TODO: print a greeting
