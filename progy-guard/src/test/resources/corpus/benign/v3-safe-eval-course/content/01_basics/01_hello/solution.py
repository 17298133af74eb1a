import ast
import operator

OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}


def evaluate(expr):
    tree = ast.parse(expr, mode="eval")
    return eval(compile(tree, "<expr>", "eval"), {"__builtins__": {}}, {})


def literal(text):
    return ast.literal_eval(text)
