"""The review page's JSON export: whatever the file holds, a FormatError naming it, never another error."""

from __future__ import annotations

import pytest

from newsl10n.errors import FormatError
from newsl10n.postedit.reviewed import read_reviewed


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"kind": ' + b"1" * 5000 + b"}", "not usable JSON"),
        (b"{" + b'"a": [' * 100_000, "not valid JSON"),
        (b'{"kind": "x"', "not valid JSON"),
        (b'{"kind": "\xff"}', "not valid UTF-8"),
        (b'{"kind": "something else"}', "is not a review page export"),
    ],
)
def test_bad_exports_are_refused_naming_the_file(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message) as err:
        read_reviewed(data, path="story.pt.json")
    assert str(err.value).startswith("story.pt.json")
