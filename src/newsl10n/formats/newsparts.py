"""Recognisers for the parts of a news article that plain text does not mark: labels, bylines, datelines,
credits and captions, and the roles of the words inside a byline, credit or dateline."""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list written as a block of text."""
    return frozenset(text.split())


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)"
# A line that is only a date (and maybe a time), as sites print above or below a headline:
#   "29 November 2026", "Sunday, Nov. 29, 2026 10:42 GMT", "2026-11-29", "Updated: 29 Nov 2026"
DATE_LINE_RE = re.compile(
    rf"^(?:(?:Updated|Published|Posted)(?:\s+on)?:?\s+)?{_WEEKDAY}?"
    rf"(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?\s*$",
    re.IGNORECASE,
)
# Words a date or timestamp line may hold besides numbers, in the project's languages (lower case):
# month names and abbreviations, weekdays, "updated"/"published" words, time zones, "年月日".
_DATE_WORDS = _words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday mon tue tues wed thu thur thurs fri sat sun updated update
    published posted last modified date time on at am pm a m p gmt utc bst cet cest msk
    ist pkt irst almt ast edt est pdt pst hkt cst bjt of the января февраля марта апреля
    мая июня июля августа сентября октября ноября декабря январь февраль март апрель май
    июнь июль август сентябрь октябрь ноябрь декабрь янв фев февр апр июн июл авг сен
    сент окт ноя нояб дек понедельник вторник среда четверг пятница суббота воскресенье
    обновлено опубликовано дата время мск г года год в қаңтар ақпан наурыз сәуір мамыр
    маусым шілде тамыз қыркүйек қазан қараша желтоқсан жарияланды январь февраль март
    апрель июнь июль август сентябрь октябрь ноябрь декабрь жаңыртылды yanvar fevral mart
    aprel may iyun iyul avgust sentyabr oktyabr noyabr dekabr студзеня лютага сакавіка
    красавіка траўня чэрвеня ліпеня жніўня верасня кастрычніка лістапада снежня janeiro
    fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro de
    às atualizado publicado em 年 月 日 时 分 秒 更新
    更新时间 发布 发布时间 时间 日期 星期一 星期二 星期三 星期四 星期五 星期六
    星期日 فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند تاریخ انتشار
    ساعت به‌روز شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه جمعه جنوری فروری مارچ اپریل
    مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر اپ ڈیٹ شائع जनवरी फरवरी मार्च अप्रैल
    मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर अपडेट प्रकाशित ago hour hours minute
    minutes min mins read day days week weeks назад мин минут минуты час часа часов há
    horas minutos 小时前 分钟前 天前 پیش دقیقه روز h
    """
)
# Tokens of a date line: digit runs and words (Devanagari vowel signs stay inside their word).
_DATE_TOKEN_RE = re.compile(r"\d+|[^\s\d.,:;/|()\-–—：，、،+]+")
# Bare web addresses: "https://news.example.com/world/2025/06/13/rail.html", "www.example.kz"
_URL_LINE_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# "Continued on page 5", "(Continued from A1)", "Продолжение на стр. 3", "（续见第3版）", "جاری ہے"
_CONTINUED_RE = re.compile(
    r"^[(（\[]?\s*(?:continued\s+(?:on|from)\b|see\s+page\b|turn\s+to\s+page\b|продолжение\s+на\b"
    r"|окончание\s+на\b|начало\s+на\b|续见|接第|转第|continua\s+na\b|ادامه\s+در|باقی\s+صفحہ)",
    re.IGNORECASE,
)
# Credit lines: source, editor, photo and reporting credits, in every language of the project.
#   "Source: Xinhua", "Editor: Li Wei", "(Web editor: Zhang Kaiwei, Liang Jun)", "Автор: Иван Петров",
#   "来源：新华网", "责任编辑：王某", "（记者 张三）", "منبع: ایرنا", "Reporting by Jane Roe; Editing by …"
_CREDIT_WORDS = (
    r"source|sources|editor|editors|web\s+editor|chief\s+editor|copy\s+editor|edited\s+by|editing\s+by|"
    r"reporting\s+by|writing\s+by|additional\s+reporting\s+by|compiled\s+by|translated\s+by|translator|"
    r"photo|photos|photograph|photography|image|images|picture|credit|credits|video|author|text|"
    r"(?:additional\s+)?reporting|writing|editing|"
    r"автор|авторы|источник|редактор|редакция|фото|фотография|перевод|текст|видео|"
    r"дереккөз|сурет|булак|сүрөт|manba|surat|муаллиф|манба|манбаъ|акс|крыніца|фота|аўтар|"
    r"fonte|foto|fotos|edição|edição\s+de|reportagem|texto|"
    r"来源|责任编辑|编辑|作者|记者|图片来源|摄影|图片|图|文|视频|校对|审核|"
    r"منبع|ویراستار|نویسنده|عکس|خبرنگار|مترجم|ترجمه|ذریعہ|ماخذ|ایڈیٹر|رپورٹ|تصویر|رپورٹر|"
    r"स्रोत|संपादक|संपादन|फोटो|तस्वीर|रिपोर्ट|लेखक|रिपोर्टर"
)
CREDIT_RE = re.compile(
    rf"^(?:[(（\[【]\s*)?(?:{_CREDIT_WORDS})\s*(?:[:：|/]|\s+by\s)\s*\S",
    re.IGNORECASE,
)
# Credits that need no colon: "（记者 张三 李四）", "(Reporting by …)", "© 2025 Xinhua", "Copyright 2025 …"
_CREDIT_BARE_RE = re.compile(
    r"^(?:[(（]\s*(?:记者|通讯员|编辑|reporting\s+by|editing\s+by|writing\s+by)[^()（）]{1,120}[)）]\s*$"
    r"|(?:本报)?(?:记者|通讯员|作者|编辑|摄影)\s*[\u4e00-\u9fff·]{2,6}(?:[\s、，][\u4e00-\u9fff·]{2,6}){0,4}\s*$"
    r"|(?:©|\(c\)|copyright\b|all\s+rights\s+reserved|все\s+права\s+защищены|版权所有))",
    re.IGNORECASE,
)
# A caption in plain text: a sentence with a photo credit in it ("Workers at the site. (Photo: AP)"),
# or a line that says it is one ("Caption: …", "图为…", "Подпись к фото: …").
_CAPTION_RE = re.compile(
    r"(?:^(?:caption|подпись(?:\s+к\s+фото)?|图为|图注|عکس\s+از|تصویر\s+میں)\s*[:：]?"
    r"|[(（\[]\s*(?:photo|photos|фото|图|摄影|foto|عکس|تصویر|फोटो)\s*(?:[:：/]|by\b)[^()（）\[\]]{1,80}[)）\]]\s*$"
    r"|\b(?:photo|фото|foto)\s*:\s*[^.]{1,60}$"
    r"|\b(?:REUTERS|AFP|AP|EPA|XINHUA|Xinhua|TASS|ТАСС|РИА\sНовости|Getty\sImages)\s?/\s?[^\W\d_][^/\n]{1,40}"
    r"(?:/[^/\n]{1,30})?\s*$"
    r"|[(（](?:Xinhua|AP|AFP|Reuters|TASS|EPA|新华社|ایرنا)\s?/\s?[^()（）\n]{2,40}[)）]\s*$"
    r"|（[^（）\n]{2,40}摄）\s*$)",
    re.IGNORECASE,
)
# A byline: "By Jane Doe", "By Jane Doe and Li Wei, Reuters", "BY AIGERIM SEITKALI".
# Name words are capitalised but not all capitals, so that a run-in dateline ("By Jane Doe
# BEIJING, June 1 (Reuters) - …") is left for the dateline recogniser.
_NAME_WORD = r"(?:[A-Z][a-z][\w'’\-]*|[A-Z]\.|(?:van|de|der|al|bin|von|da|dos)(?=\s))"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
_BY = r"(?:By|BY|by|Por|POR|por|(?:Written|Reported|Story|Words|Text)\s+by)"
BYLINE_RE = re.compile(rf"^{_BY}\s+{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*(?:\s*[|/]\s*[\w .]+$)?")
# A byline in capitals ("By ZHANG YI | China Daily", "BY AIGERIM SEITKALI") ends at a separator, a
# comma or the end of the line, so that a run-in dateline in capitals is not taken for a name.
_CAPS_BYLINE_RE = re.compile(
    rf"^{_BY}\s+[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){{0,3}}"
    r"(?:\s+(?:and|AND|&)\s+[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’\-]+){0,3})*(?=\s*(?:[|/,]|$))"
)
# Words that end an outlet's or a job's name in a byline ("By Jane Roe, Daily Herald"): the story may
# start right after them.
_OUTLET_END = _words(
    """
    Herald Times Post News Daily Journal Tribune Reuters AP AFP Xinhua TASS
    Agency Press Service Bureau Correspondent Reporter Writer Staff Editor Desk
    Online Today Gazette Observer Guardian Standard Monitor Express Telegraph
    Chronicle Insider Wire Network Radio TV Television Review Weekly Mail Star
    Sun Report Correspondents Reporters Writers Contributor Analyst
    """
)
# A dateline at the start of a story, in the house styles of the wires:
#   "TIANJIN, June 13 (Xinhua) -- ", "BEIJING (Reuters) - ", "ASTANA, Nov. 28 — ", "ASTANA —",
#   "NEW DELHI, Nov 28, 2026 --". The place is in capitals.
DATELINE_RE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z'’.\-/]+(?:\s[A-Z][A-Z'’.\-/]+){0,3}"
    r"(?:,\s[A-Z][\w.]*(?:\s[\w.,]+){0,3}?)?"
    r"(?:\s\([^()\n]{1,40}\))?\s?(?:--|—|–|-))(?P<gap>\s+)(?=\S)"
)
# "MOSCOW, October 2. /TASS/.", "МОСКВА, 2 октября. /ТАСС/.", "АСТАНА, 2 окт — РИА Новости.",
# "АЛМАТЫ, 2 қазан. ҚазАқпарат.", "TASHKENT, Oct. 2 /Kun.uz/"
_WIRE_DATELINE_RE = re.compile(
    r"^(?P<dateline>[A-ZА-ЯЁҚҒҮҰӘӨҺІЎҲЧЕ][A-ZА-ЯЁҚҒҮҰӘӨҺІЎҲ'’.\-]+(?:\s[A-ZА-ЯЁҚҒҮҰӘӨҺІЎҲ][A-ZА-ЯЁҚҒҮҰӘӨҺІЎҲ'’.\-]+){0,3},"
    r"\s(?:\d{1,2}\s[^\W\d_]{3,10}\.?|[^\W\d_]{3,10}\.?\s\d{1,2}),?(?:\s\d{4})?\.?"
    r"(?:\s?/[^/\n]{2,30}/\.?|\s?[—–-]\s?[^\W\d_][^.\n]{1,30}\.|\s[^\W\d_][\w.]{1,20}\.(?=\s))"
    r"(?:\s?[—–-])?)(?P<gap>\s+)(?=\S)"
)
# "Москва. 2 октября. INTERFAX.RU -", "АСТАНА. KAZINFORM –"
_DOTTED_DATELINE_RE = re.compile(
    r"^(?P<dateline>[A-ZА-ЯЁҚҒҮҰӘӨҺІЎҲ][\w\-]+(?:\s[\w\-]+)?\.(?:\s\d{1,2}\s[^\W\d_]{3,10}\.)?"
    r"\s[A-ZА-ЯЁ][A-ZА-ЯЁa-z]*[A-ZА-ЯЁ][A-ZА-ЯЁ.]*\s?[—–-])(?P<gap>\s+)(?=\S)"
)
# "اسلام آباد:", "नई दिल्ली:", "नई दिल्ली, 2 अक्टूबर (भाषा):", "تہران (اے ایف پی):" at the start of a story
_COLON_DATELINE_RE = re.compile(
    r"^(?P<dateline>(?:[\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+)?|[\u0900-\u097f]+(?:\s[\u0900-\u097f]+)?)"
    r"(?:,\s?[\d\u0660-\u0669\u06f0-\u06f9\u0966-\u096f]{1,2}\s[\u0600-\u06ff\u0900-\u097f]+)?"
    r"(?:\s?\([^()\n]{2,30}\))?\s?[:：])(?P<gap>\s+)(?=\S)"
)
# "新华社北京10月2日电", "中新网阿斯塔纳10月2日电（记者 张三）", "本报北京10月2日讯"
_ZH_DATELINE_RE = re.compile(
    r"^(?P<dateline>(?:新华社|中新社|中新网|人民网|央视网|本报|国际在线|环球网)?[\u4e00-\u9fff]{0,10}"
    r"\d{1,2}月\d{1,2}日(?:电|讯|消息))(?P<gap>\s*)(?=\S)"
)
# Persian and Urdu agency datelines: "تهران - ایرنا -", "آستانه- ایرنا-", "اسلام آباد (اے پی پی)",
# "کراچی (ویب ڈیسک)"
_ARABIC_DATELINE_RE = re.compile(
    r"^(?P<dateline>[\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+){0,2}\s?"
    r"(?:[-–—]\s?[\u0600-\u06ff]+(?:\s[\u0600-\u06ff]+){0,2}\s?[-–—:]|\([^()\n]{2,30}\)\s?[:\-–—]?))(?P<gap>\s+)(?=\S)"
)
_LABEL_SEPARATORS = ("|", "›", "»", "/", "•", ">")


def is_date_line(line: str) -> bool:
    """True for a line that is only a date or a timestamp ("Updated: 10:21, May 30, 2025", "2025年6月13日").

    >>> is_date_line("Updated: 10:21, May 30, 2025"), is_date_line("13 июня 2025, 10:21")
    (True, True)
    >>> is_date_line("May 30 was a good day")
    False
    """
    s = line.strip()
    if DATE_LINE_RE.match(s):
        return True
    if not s or len(s) > 80:
        return False
    tokens = _DATE_TOKEN_RE.findall(re.sub(r"(?<=\d)[年月日时分秒号]", " ", s))
    digits = [t for t in tokens if t.isdigit()]
    if not digits or not any(len(t) in (4, 1, 2) for t in digits):
        return False
    return all(t.isdigit() or t.lower() in _DATE_WORDS for t in tokens)


def is_url_line(line: str) -> bool:
    """True for a line that is only a web address."""
    return bool(_URL_LINE_RE.match(line.strip()))


def is_continued_line(line: str) -> bool:
    """True for a "continued on page 5" line (a jump line of print layout)."""
    return bool(_CONTINUED_RE.match(line.strip())) and len(line.strip()) <= 60


# Page furniture copied with the story: "Advertisement", "Share this article", "Read more:", "Tags: …",
# "Читайте также:", "小字号", "分享到：", "کد خبر: ۸۵۱۲۳", "News ID: 4521"
_FURNITURE_RE = re.compile(
    r"^(?:advertisement|advertising|sponsored|share(?:\s+this(?:\s+article|\s+story)?)?|print|e-?mail|"
    r"read\s+more|see\s+also|related(?:\s+(?:news|stories|articles))?|tags?|topics?|most\s+read|"
    r"listen\s+to\s+(?:this\s+)?article|font\s+size|comments?|"
    r"реклама|поделиться|читайте\s+также|смотрите\s+также|теги|темы|комментарии|"
    r"小字号|大字号|中字号|分享到|打印|相关新闻|相关阅读|标签|关键词|"
    r"کد\s+خبر|شناسه\s+خبر|اشتراک\s*گذاری|برچسب‌?ها|بیشتر\s+بخوانید|مزید\s+پڑھیں|"
    r"news\s+id|article\s+id|код\s+новости|жарнама|save|listen|сохранить|слушать)(?![^\W\d_])\s*[:：]?",
    re.IGNORECASE,
)


def is_furniture(line: str) -> bool:
    """True for page furniture copied with a story ("Advertisement", "Read more: …", "کد خبر: ۸۵۱۲۳")."""
    s = line.strip()
    return 0 < len(s) <= 100 and bool(_FURNITURE_RE.match(s)) and s[-1] not in ".!?。！？"


_STAMP_RE = re.compile(r"([\d\-/.:年月日 ]{8,25})\s+(?=[^\W\d_])")


def is_strong_label(line: str) -> bool:
    """A line that is a label wherever it stands: a date, a web address, a jump line, a site banner."""
    s = line.strip()
    if is_date_line(s) or is_url_line(s) or is_continued_line(s) or is_furniture(s):
        return True
    # A timestamp then a source, as Chinese sites print them: "2025-11-07 11:05:32 来源：新华网"
    stamp = _STAMP_RE.match(s)
    if stamp and is_date_line(stamp.group(1)) and is_credit(s[stamp.end() :]):
        return True
    words = s.split()
    # Site banners and breadcrumbs: "Xinhua | Updated: 2025-06-13", "Home › World › Asia"
    return (
        0 < len(words) <= 12
        and len(s) <= 90
        and s[-1] not in ".!?。！？"
        and any(f" {sep} " in f" {s} " for sep in _LABEL_SEPARATORS)
    )


def is_label(line: str) -> bool:
    """True for a section label or date printed above a headline ("WORLD | ASIA", "Technology")."""
    s = line.strip()
    if is_strong_label(s):
        return True
    words = s.split()
    if not words or len(words) > 6 or len(s) > 50 or s[-1] in ".!?:;,。！？":
        return False
    letters = [c for c in s if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters) and len(letters) >= 2
    # One word: "Technology", "Спорт", but in CJK (no spaces) only a short one: "国际", not a headline.
    cjk = any("\u2e80" <= c <= "\ufaff" for c in s)
    one_word = len(words) == 1 and len(s) <= (6 if cjk else 25)
    return all_caps or any(sep in s for sep in _LABEL_SEPARATORS) or one_word


# A short credit written with a comma, as BBC pages lay out author and role: "Author, Jane Roe",
# "نویسنده, علی رضایی", "مصنف, احمد علی", "عہدہ, بی بی سی اردو"
_CREDIT_COMMA_RE = re.compile(
    rf"^(?:{_CREDIT_WORDS}|role|نقش|سمت|مصنف|عہدہ|роль|должность)\s*[,،]\s*\S", re.IGNORECASE
)


def is_credit(line: str) -> bool:
    """True for a source, editor, photo or reporting credit line ("Source: Xinhua", "责任编辑：王某")."""
    s = line.strip()
    if not s or len(s) > 160:
        return False
    if len(s) <= 60 and s[-1] not in ".!?。！？۔" and _CREDIT_COMMA_RE.match(s):
        return True
    return bool(CREDIT_RE.match(s) or _CREDIT_BARE_RE.match(s))


# A line that is only a person's name, as sites print a byline without "By": "Jane Roe",
# "Иван Петров", "Aigerim Seitkali-Nurova"
_NAME_LINE_RE = re.compile(r"^[^\W\d_][^\W\d_'’.\-]*(?:\s[^\W\d_][^\W\d_'’.\-]*){1,3}$")


def is_name_line(line: str) -> bool:
    """True for a line of two to four capitalised words and nothing else (a bare byline)."""
    s = line.strip()
    if len(s) > 40 or not _NAME_LINE_RE.match(s):
        return False
    return all(w[0].isupper() and any(c.islower() for c in w[1:]) for w in s.split())


def is_outlet_line(line: str) -> bool:
    """True for a short line naming a news organisation, maybe with a place: "BBC News, Astana"."""
    s = line.strip()
    words = re.split(r"[\s,]+", s)
    return 0 < len(words) <= 6 and len(s) <= 50 and any(w in _OUTLET_END for w in words)


def is_caption(line: str) -> bool:
    """True for a photo caption written as plain text ("Workers at the site. (Photo: AP)")."""
    s = line.strip()
    return 0 < len(s) <= 400 and bool(_CAPTION_RE.search(s)) and not is_credit(s)


def match_byline(line: str) -> int:
    """Length of the byline at the start of ``line`` (0 when there is none).

    A byline run into the story ends at the outlet: "By Jane Roe, Daily Herald Officials said …"
    gives "By Jane Roe, Daily Herald".
    """
    m = BYLINE_RE.match(line)
    if not m:
        caps = _CAPS_BYLINE_RE.match(line)
        if not caps:
            return 0
        rest = line[caps.end() :]
        if not rest.strip() or (len(line.split()) <= 16 and not any(c in rest for c in ".!?")):
            return len(line.rstrip())
        return caps.end()
    end = m.end()
    # Trailing words of an all-byline line ("By Jane Doe, Staff Reporter") stay in the byline.
    rest = line[end:]
    if not rest.strip():
        return len(line.rstrip())
    if DATELINE_RE.match(rest.lstrip()) or _WIRE_DATELINE_RE.match(rest.lstrip()):
        return end
    if len(line.split()) <= 12 and not any(c in rest for c in ".!?"):
        return len(line.rstrip())
    # The story runs on after the byline: its first word is the last capitalised word of the match
    # unless an outlet word ends the match.
    words = list(re.finditer(r"\S+", line[:end]))
    for k in range(len(words) - 1, 0, -1):
        if words[k].group().strip(",") in _OUTLET_END:
            return words[k].end() if k < len(words) - 1 else end
    if len(words) >= 4 and rest[:1].isspace() and rest.lstrip()[:1].islower():
        return words[-2].end()
    return end


def match_dateline(text: str) -> tuple[int, int] | None:
    """``(end of dateline, start of story)`` when ``text`` opens with a dateline, else None.

    >>> match_dateline("MOSCOW, October 2. /TASS/. The talks ended.")
    (26, 27)
    >>> match_dateline("新华社北京10月2日电 国务院…")
    (11, 12)
    """
    for pattern in (
        DATELINE_RE,
        _WIRE_DATELINE_RE,
        _DOTTED_DATELINE_RE,
        _ZH_DATELINE_RE,
        _ARABIC_DATELINE_RE,
        _COLON_DATELINE_RE,
    ):
        m = pattern.match(text)
        if m:
            return m.end("dateline"), m.end()
    return None


# Roles of the parts of a byline, credit or dateline block.
_CREDIT_LEAD_RE = re.compile(
    rf"^(?:[(（\[【]\s*)?(?:by|por|{_CREDIT_WORDS})\s*(?:[:：|/]|\s+by\b)?\s*", re.IGNORECASE
)
_AGENCY_RE = re.compile(r"\(([^()]{1,40})\)|/([^/]{2,30})/|（([^（）]{1,40})）")
_DATE_PART_RE = re.compile(
    rf"{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    r"|\d{1,2}\s[а-яёәғқңөұүһі]{3,10}\.?(?:\s\d{4})?|\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}",
    re.IGNORECASE,
)
# Between names: "Jane Roe and Li Wei", "Иван Петров и Анна Ли", "张三、李四", "Ali va Vali"
_JOINERS_RE = re.compile(r"\s*[,;、，&|]\s*|\s+(?:and|и|і|және|жана|va|ва|e|و|اور|और)\s+", re.IGNORECASE)


def byline_parts(text: str, kind: str) -> list[tuple[int, int, str]]:
    """Split a byline, credit or dateline block's text into parts with roles.

    Returns ``(start, end, role)`` offsets into ``text``, in order. Roles: ``credit`` (the credit
    word: "By", "Автор:", "来源："), ``person`` (a name), ``outlet`` (a news organisation),
    ``place`` (a dateline's place), ``date`` (a date). Joiners, dashes and brackets between
    the parts are not covered by any part. Names, outlets and places are what machine
    translation must leave alone; dates are for the date localiser.

    >>> t = "By He Yin, Daily Herald"
    >>> [(t[s:e], r) for s, e, r in byline_parts(t, "byline")]
    [('By', 'credit'), ('He Yin', 'person'), ('Daily Herald', 'outlet')]
    >>> t = "ASTANA, Oct 2 (Xinhua) --"
    >>> [(t[s:e], r) for s, e, r in byline_parts(t, "dateline")]
    [('ASTANA', 'place'), ('Oct 2', 'date'), ('Xinhua', 'outlet')]
    """
    out: list[tuple[int, int, str]] = []
    if kind == "dateline":
        return _dateline_parts(text)
    m = _CREDIT_LEAD_RE.match(text)
    pos = 0
    if m and m.end() > 0:
        lead = text[: m.end()].rstrip()
        start = len(lead) - len(lead.lstrip("(（[【 "))
        out.append((start, len(lead), "credit"))
        pos = m.end()
    body_end = len(text.rstrip(")）]】 \t"))
    source = bool(m) and bool(_SOURCE_WORD_RE.match(text.lstrip("(（[【 ")))
    for i, (a, b) in enumerate(_split_names(text, pos, body_end)):
        piece = text[a:b]
        if is_date_line(piece):
            stamp = _DATE_LEAD_RE.match(piece)
            if stamp and stamp.end() < len(piece):
                out.append((a, a + len(stamp.group().rstrip()), "credit"))
                a += stamp.end()
            out.append((a, b, "date"))
            continue
        again = _CREDIT_LEAD_RE.match(piece) if i > 0 else None
        if again and again.end() and again.end() < len(piece):
            # A second credit in the same line: "Source: Xinhua | Editor: huaxia"
            out.append((a, a + len(piece[: again.end()].rstrip()), "credit"))
            source = bool(_SOURCE_WORD_RE.match(piece))
            a += again.end()
            piece = text[a:b]
        # A name is a run of capitalised words; what follows it is a role or a date ("Jane Roe in
        # Business on 7 November 2025"). Scripts without case keep the whole piece.
        run = _CAPITALISED_RUN_RE.match(piece)
        name_end = a + run.end() if run and run.end() < len(piece) else b
        words = text[a:name_end].split()
        outlet = (i > 0 or source) and (
            source or words[-1] in _OUTLET_END or len(words) > 4 or (piece.isupper() and len(piece) <= 6)
        )
        out.append((a, name_end, "outlet" if outlet else "person"))
        date = _DATE_PART_RE.search(text, name_end, b)
        if date:
            out.append((date.start(), date.end(), "date"))
    return out


_SOURCE_WORD_RE = re.compile(
    r"(?i)source|来源|источник|منبع|ذریعہ|ماخذ|fonte|स्रोत|дереккөз|булак|manba|манба|крыніца"
)
# Capitalised words and initials, with the particles of names: "Jane Roe", "J. R. Smith",
# "Ursula von der Leyen"
_CAPITALISED_RUN_RE = re.compile(
    r"(?:[A-ZА-ЯЁҚҒҮҰӘӨҺІЎҲ][\w'’\-.]*|(?:van|von|der|de|da|dos|al|bin|ibn|el)(?=\s))"
    r"(?:\s+(?:[A-ZА-ЯЁҚҒҮҰӘӨҺІЎҲ][\w'’\-.]*|(?:van|von|der|de|da|dos|al|bin|ibn|el)(?=\s)))*"
)
_DATE_LEAD_RE = re.compile(
    r"(?i)(?:updated|published|posted|обновлено|опубликовано|更新时间|发布时间)\s*[:：]?\s*"
)


def _split_names(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """The runs of ``text[pos:end]`` between joiners (commas, "and", "、"), trimmed."""
    spans: list[tuple[int, int]] = []
    cur = pos
    for j in _JOINERS_RE.finditer(text, pos, end):
        if j.start() == j.end():
            continue
        if j.group().strip() and j.start() > cur:
            spans.append((cur, j.start()))
            cur = j.end()
        elif j.group().strip():
            cur = j.end()
    spans.append((cur, end))
    out = []
    for a, b in spans:
        piece = text[a:b]
        a += len(piece) - len(piece.lstrip())
        b = a + len(piece.strip())
        if b > a:
            out.append((a, b))
    return out


def _dateline_parts(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    if re.search(r"\d{1,2}月\d{1,2}日(?:电|讯|消息)", text):
        date = re.search(r"\d{1,2}月\d{1,2}日", text)
        if date is None:  # the pattern requires one; kept for the type checker
            return out
        prefix = re.match(r"新华社|中新社|中新网|人民网|央视网|本报|国际在线|环球网", text)
        place_start = 0
        if prefix:
            out.append((0, prefix.end(), "outlet"))
            place_start = prefix.end()
        if date.start() > place_start:
            out.append((place_start, date.start(), "place"))
        out.append((date.start(), date.end(), "date"))
        return out
    place = re.match(r"[^\W\d_][^,(\-–—/\n]*?(?=\s*(?:,|\(|--|—|–|-|/|$))", text)
    if place:
        out.append((place.start(), place.end(), "place"))
    date = _DATE_PART_RE.search(text, place.end() if place else 0)
    if date:
        out.append((date.start(), date.end(), "date"))
    for a in _AGENCY_RE.finditer(text):
        g = next(i for i in (1, 2, 3) if a.group(i) is not None)
        out.append((a.start(g), a.end(g), "outlet"))
    if not _AGENCY_RE.search(text):
        # "АСТАНА, 2 окт — РИА Новости."
        tail = re.search(r"[—–-]\s*([^\W\d_][^.—–\-]{1,30}?)\.?\s*$", text)
        if tail and (not date or tail.start(1) >= date.end()):
            out.append((tail.start(1), tail.end(1), "outlet"))
    return sorted(out)


# A credit at the end of a paragraph: "… said. (Web editor: Li Wei)", "…会议。（责任编辑：王某）"
TRAILING_CREDIT_RE = re.compile(
    r"(?<=[.!?。！？”\"])\s*(?P<credit>[(（]\s*(?:web\s+editor|editor|editors|reporting\s+by|编辑|责任编辑|记者"
    r"|автор|редактор|источник|منبع|ذریعہ)\s*[:：]?[^()（）\n]{1,80}[)）])\s*$",
    re.IGNORECASE,
)
# A reporter credit right after a Chinese dateline: "新华社北京10月2日电（记者 张三）…"
LEAD_CREDIT_RE = re.compile(
    r"(?P<credit>[(（]\s*(?:记者|通讯员|特派记者)[^()（）\n]{1,40}[)）])(?P<gap>\s*)(?=\S)"
)
