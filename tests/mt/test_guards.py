"""Output guards, and the Engine base class retrying bad outputs with safer decoding."""

from __future__ import annotations

from typing import Any, ClassVar

from newsl10n.mt import guards
from newsl10n.mt.base import Engine, EngineOptions, EngineOutput


def codes(source: str, output: str, target: str) -> list[str]:
    return [i.code for i in guards.check(source, output, target)]


def test_good_translations_pass() -> None:
    assert codes("The summit opened in Astana.", "Саммит открылся в Астане.", "ru") == []
    assert codes('"We are ready," he said.', "«Мы готовы», — сказал он.", "ru") == []
    assert codes("The SCO met in Tianjin.", "上海合作组织在天津举行会议。", "zh") == []
    # Real repetition in the source is not a loop.
    assert codes("Very, very, very, very good.", "Muito, muito, muito, muito bom.", "pt") == []
    # Names in Latin script inside a Russian sentence are fine.
    assert codes("Reuters and AFP reported.", "Об этом сообщили Reuters и AFP.", "ru") == []


def test_repetition_loop() -> None:
    (issue,) = guards.check("The minister said.", "Министр сказал сказал сказал сказал сказал.", "ru")
    assert issue.code == "mt-repetition" and issue.attrs["repeated"] == "сказал"
    assert codes("Talks went on.", "Переговоры шли, и шли, и шли, и шли.", "ru") == ["mt-repetition"]


def test_hallucinated_run() -> None:
    src = "Talks resume in June."
    out = "Переговоры возобновятся в июне, " + " ".join(f"слово{i}" for i in range(40)) + "."
    assert "mt-hallucination" in codes(src, out, "ru")


def test_wrong_script_and_empty() -> None:
    assert codes("The summit opened in Astana today.", "The summit opened in Astana today.", "ru") == [
        "mt-wrong-script"
    ]
    assert codes("The summit opened.", "", "ru") == ["mt-empty"]
    assert codes("2026", "", "ru") == ["mt-empty"]
    assert codes("—", "", "ru") == []


def test_dropped_quotes() -> None:
    assert codes('"We are ready," he said.', "Мы готовы, сказал он.", "ru") == ["mt-quotes-dropped"]
    (issue,) = guards.check("“We will sign,” she said.", "Vamos assinar, disse ela.", "pt")
    assert issue.severity == "warning"


class LoopingEngine(Engine):
    """Loops with plain decoding and translates properly when asked for safer decoding."""

    name: ClassVar[str] = "looping"
    capabilities: ClassVar[frozenset[str]] = frozenset({"safer-decoding"})

    def __init__(self, options: EngineOptions | None = None, *, can_retry: bool = True) -> None:
        super().__init__(options)
        self.can_retry = can_retry
        self.retried: list[str] = []
        self.decoding: dict[str, Any] = {}

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return True

    def describe(self, source_lang: str, target_lang: str) -> tuple[str, str]:
        return "loop", ""

    def _translate_batch(self, texts: list[str], *, source_lang: str, target_lang: str) -> list[EngineOutput]:
        return [EngineOutput("ok " * 8 if "loop" in t else t) for t in texts]

    def _translate_batch_safer(self, texts, *, source_lang, target_lang, decoding):
        if not self.can_retry:
            return None
        self.retried.extend(texts)
        self.decoding = decoding
        return [EngineOutput("fixed") for _ in texts]


def test_bad_output_is_retried_with_safer_decoding() -> None:
    e = LoopingEngine()
    out = e.translate(["please loop here", "fine sentence"], source_lang="en", target_lang="en")
    assert e.retried == ["please loop here"]
    assert e.decoding["no_repeat_ngram_size"] >= 3 and e.decoding["repetition_penalty"] > 1
    assert out[0].text == "fixed" and out[0].issues == ()
    assert out[1].text == "fine sentence"


def test_still_bad_output_carries_the_issue() -> None:
    out = LoopingEngine(can_retry=False).translate(["please loop here"], source_lang="en", target_lang="en")
    assert [i.code for i in out[0].issues] == ["mt-repetition"]
    off = LoopingEngine(EngineOptions(guards=False)).translate(["loop"], source_lang="en", target_lang="en")
    assert off[0].issues == ()
