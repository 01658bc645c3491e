"""Reads a JSON list of TOML documents on stdin and prints the list of parsed documents as JSON.

Parsed with Python's standard tomllib (3.11+), so the ports read KeyHog's detector files with a
maintained TOML parser rather than one written here.
"""
import json
import sys
import tomllib

json.dump([tomllib.loads(text) for text in json.load(sys.stdin)], sys.stdout)
