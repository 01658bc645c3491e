"""Reads pii-manager's unit tests (JSON {path: python source} on stdin) and prints each file's module-level
`TEST` list of (document, expected) pairs as JSON {path: [[document, expected], ...]}; a file whose list is
not literal (built with a call) maps to null. The files are parsed (ast), never executed."""
import ast
import json
import sys


def read(source):
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id == "TEST":
            try:
                pairs = ast.literal_eval(node.value)
            except (ValueError, SyntaxError):
                return None
            return [[document, expected] for document, expected in pairs]
    return None


sources = json.load(sys.stdin)
json.dump({path: read(source) for path, source in sources.items()}, sys.stdout)
