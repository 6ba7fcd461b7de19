"""Language-code tables per model family."""

from __future__ import annotations

import pytest

from newsl10n.errors import ConfigError
from newsl10n.mt.codes import MBART50, NLLB, lookup, opus_target_candidates

NLLB_CASES = [
    ("zh", "zho_Hans"),
    ("zh-Hant", "zho_Hant"),
    ("zh-TW", "zho_Hant"),
    ("ru", "rus_Cyrl"),
    ("ur", "urd_Arab"),
    ("kk", "kaz_Cyrl"),
    ("uz", "uzn_Latn"),
    ("tg", "tgk_Cyrl"),
    ("ky", "kir_Cyrl"),
    ("be", "bel_Cyrl"),
    ("fa", "pes_Arab"),
    ("hi", "hin_Deva"),
    ("pt-BR", "por_Latn"),
    ("en", "eng_Latn"),
]


@pytest.mark.parametrize(("tag", "code"), NLLB_CASES)
def test_nllb_codes(tag: str, code: str) -> None:
    assert lookup(NLLB, tag, "NLLB-200") == code


def test_missing_code_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="NLLB-200 has no language code for 'uz-Cyrl'"):
        lookup(NLLB, "uz-Cyrl", "NLLB-200")
    assert lookup(MBART50, "zh", "mBART-50") == "zh_CN"


def test_opus_candidates() -> None:
    assert opus_target_candidates("zh")[0] == ">>cmn_Hans<<"
    assert opus_target_candidates("uz-Cyrl")[0] == ">>uzb_Cyrl<<"
