"""coprod_desktop: an offline desktop app for community co-production workshops."""

__version__ = "0.1.0"
APP_NAME = "coprod_desktop"
ORG_NAME = "coprod"
PROJECT_SUFFIX = ".coprod"
PASSPHRASE_ENV = "COPROD_PASSPHRASE"  # where the app and the command line look for one
