"""Files staff upload: the checks and storage names (checks), and decoding them in
a child process with hard limits (sandbox, decoding, documents).

Imports nothing: the sandbox's child imports this package and must not load
Django.
"""
