"""The project file: an SQLCipher-encrypted SQLite database used through sqlite-utils.

Importing this package is cheap (no sqlite-utils): the GUI imports the error classes at
start-up and loads the database layer only when a project is opened, off the GUI thread.
"""
