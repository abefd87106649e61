import pytest

from coprod_desktop.domain.errors import ValidationError
from coprod_desktop.domain.passphrase import check_new_passphrase


@pytest.mark.parametrize("bad", ["short", "", " leading space ok?", "nul\x00inside-it"])
def test_weak_or_unusable_passphrases_are_refused(bad):
    with pytest.raises(ValidationError):
        check_new_passphrase(bad)


def test_confirmation_must_match():
    check_new_passphrase("blue kettle river", "blue kettle river")
    with pytest.raises(ValidationError, match="not the same"):
        check_new_passphrase("blue kettle river", "blue kettle rivet")
