"""Reads joke2k/faker's phone-number providers (JSON {locale: python source} on stdin) and prints, per
locale, the phone formats its Provider class lists and the literal tuples its `{{name}}` templates may
draw from, as JSON {locale: {"formats": {attribute: [format, ...]}, "lists": {name: [value, ...]}}}.

The files are parsed (ast), never executed: only class-level assignments of literal tuples or lists of
strings are read; a computed one (es_ES's itertools.product, ar_AE's sum of tuples) is left out.
"""
import ast
import json
import sys

# The attributes that list numbers a person has (not short service codes, toll-free or bare MSISDNs).
PHONE_ATTRIBUTES = ("formats", "cellphone_formats", "telephone_formats", "landline_formats")


def literal_strings(node):
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError):
        return None
    if isinstance(value, (tuple, list)) and all(isinstance(item, str) for item in value):
        return list(value)
    return None


def read(source):
    formats, lists = {}, {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            if not (isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name)):
                continue
            name = statement.targets[0].id
            values = literal_strings(statement.value)
            if values is None:
                continue
            if name in PHONE_ATTRIBUTES:
                formats[name] = values
            else:
                lists[name] = values
    return {"formats": formats, "lists": lists}


sources = json.load(sys.stdin)
json.dump({locale: read(source) for locale, source in sources.items()}, sys.stdout)
