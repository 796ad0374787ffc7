# ruff: noqa  (task auth5's generator, adapted: data tables, long header and body strings)
"""Localised date strings as mail clients print them in forwarded header blocks."""

from __future__ import annotations

from datetime import datetime

M = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
    "cs": "ledna února března dubna května června července srpna září října listopadu prosince",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня",
    "tr": "Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık",
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
    "ms": "Januari Februari Mac April Mei Jun Julai Ogos September Oktober November Disember",
    "th": "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม พฤศจิกายน ธันวาคม",
    "he": "ינואר פברואר מרץ אפריל מאי יוני יולי אוגוסט ספטמבר אוקטובר נובמבר דצמבר",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "hi": "जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्तूबर नवंबर दिसंबर",
    "bg": "януари февруари март април май юни юли август септември октомври ноември декември",
    "el": "Ιανουαρίου Φεβρουαρίου Μαρτίου Απριλίου Μαΐου Ιουνίου Ιουλίου Αυγούστου Σεπτεμβρίου Οκτωβρίου Νοεμβρίου Δεκεμβρίου",
    "hr": "siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga prosinca",
    "sl": "januar februar marec april maj junij julij avgust september oktober november december",
    "lt": "sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo spalio lapkričio gruodžio",
    "lv": "janvāris februāris marts aprīlis maijs jūnijs jūlijs augusts septembris oktobris novembris decembris",
    "et": "jaanuar veebruar märts aprill mai juuni juuli august september oktoober november detsember",
    "hu": "január február március április május június július augusztus szeptember október november december",
    "fi": "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "da": "januar februar marts april maj juni juli august september oktober november december",
    "nb": "januar februar mars april mai juni juli august september oktober november desember",
    "ro": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie",
    "ca": "de gener de febrer de març d'abril de maig de juny de juliol d'agost de setembre d'octubre de novembre de desembre",
}
W = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "pt": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "pl": "poniedziałek wtorek środa czwartek piątek sobota niedziela",
    "cs": "pondělí úterý středa čtvrtek pátek sobota neděle",
    "ru": "понедельник вторник среда четверг пятница суббота воскресенье",
    "uk": "понеділок вівторок середа четвер пʼятниця субота неділя",
    "tr": "Pazartesi Salı Çarşamba Perşembe Cuma Cumartesi Pazar",
    "id": "Senin Selasa Rabu Kamis Jumat Sabtu Minggu",
    "ms": "Isnin Selasa Rabu Khamis Jumaat Sabtu Ahad",
    "th": "วันจันทร์ วันอังคาร วันพุธ วันพฤหัสบดี วันศุกร์ วันเสาร์ วันอาทิตย์",
    "he": "שני שלישי רביעי חמישי שישי שבת ראשון",
    "ar": "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد",
    "hi": "सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार",
    "bg": "понеделник вторник сряда четвъртък петък събота неделя",
    "el": "Δευτέρα Τρίτη Τετάρτη Πέμπτη Παρασκευή Σάββατο Κυριακή",
    "hr": "ponedjeljak utorak srijeda četvrtak petak subota nedjelja",
    "sl": "ponedeljek torek sreda četrtek petek sobota nedelja",
    "lt": "pirmadienis antradienis trečiadienis ketvirtadienis penktadienis šeštadienis sekmadienis",
    "lv": "pirmdiena otrdiena trešdiena ceturtdiena piektdiena sestdiena svētdiena",
    "et": "esmaspäev teisipäev kolmapäev neljapäev reede laupäev pühapäev",
    "hu": "hétfő kedd szerda csütörtök péntek szombat vasárnap",
    "fi": "maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai",
    "sv": "måndag tisdag onsdag torsdag fredag lördag söndag",
    "da": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "nb": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
    "ro": "luni marți miercuri joi vineri sâmbătă duminică",
    "ca": "dilluns dimarts dimecres dijous divendres dissabte diumenge",
    "zh-CN": "星期一 星期二 星期三 星期四 星期五 星期六 星期日",
    "zh-TW": "星期一 星期二 星期三 星期四 星期五 星期六 星期日",
    "ja": "月曜日 火曜日 水曜日 木曜日 金曜日 土曜日 日曜日",
    "ko": "월요일 화요일 수요일 목요일 금요일 토요일 일요일",
    "vi": "Thứ Hai|Thứ Ba|Thứ Tư|Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ Nhật",
}


def mon(d: datetime, lang: str) -> str:
    if lang == "ca":
        import re

        return re.findall(r"(?:de |d')\S+", M["ca"])[d.month - 1]
    return M[lang].split()[d.month - 1]


def wd(d: datetime, lang: str) -> str:
    w = W[lang]
    return (w.split("|") if "|" in w else w.split())[d.weekday()]


def hm(d: datetime) -> str:
    return f"{d.hour:02d}:{d.minute:02d}"


def ampm(d: datetime) -> str:
    h = d.hour % 12 or 12
    return f"{h}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


def outlook_long(d: datetime, lang: str) -> str:
    """Outlook desktop's 'Sent:' line in the given UI language."""
    D, Y, t = d.day, d.year, hm(d)
    f = {
        "en": lambda: f"{wd(d, 'en')}, {mon(d, 'en')} {D}, {Y} {ampm(d)}",
        "zh-CN": lambda: f"{Y}年{d.month}月{D}日 {t}",
        "zh-TW": lambda: (
            f"{Y}年{d.month}月{D}日 {wd(d, 'zh-TW')} {'上午' if d.hour < 12 else '下午'} {d.hour % 12 or 12}:{d.minute:02d}"
        ),
        "ko": lambda: (
            f"{Y}년 {d.month}월 {D}일 {wd(d, 'ko')} {'오전' if d.hour < 12 else '오후'} {d.hour % 12 or 12}:{d.minute:02d}"
        ),
        "ja": lambda: f"{Y}年{d.month}月{D}日 {t}",
        "ar": lambda: (
            f"{wd(d, 'ar')}، {D:02d} {mon(d, 'ar')}، {Y} {d.hour % 12 or 12}:{d.minute:02d} {'ص' if d.hour < 12 else 'م'}"
        ),
        "he": lambda: f"יום {wd(d, 'he')} {D:02d} {mon(d, 'he')} {Y} {t}",
        "th": lambda: f"{wd(d, 'th')}ที่ {D} {mon(d, 'th')} {Y + 543} {t}",
        "vi": lambda: f"{wd(d, 'vi')}, ngày {D} tháng {d.month} năm {Y} {t}",
        "id": lambda: f"{wd(d, 'id')}, {D:02d} {mon(d, 'id')} {Y} {d.hour:02d}.{d.minute:02d}",
        "ms": lambda: f"{wd(d, 'ms')}, {D} {mon(d, 'ms')} {Y} {ampm(d)}",
        "hi": lambda: f"{wd(d, 'hi')}, {D} {mon(d, 'hi')} {Y} {t}",
        "uk": lambda: f"{wd(d, 'uk')}, {D} {mon(d, 'uk')} {Y} р. {t}",
        "ru": lambda: f"{wd(d, 'ru')}, {D} {mon(d, 'ru')} {Y} г. {t}",
        "bg": lambda: f"{wd(d, 'bg')}, {D} {mon(d, 'bg')} {Y} г. {t}",
        "hr": lambda: f"{wd(d, 'hr')}, {D}. {mon(d, 'hr')} {Y}. {t}",
        "sl": lambda: f"{wd(d, 'sl')}, {D}. {mon(d, 'sl')} {Y} {t}",
        "lt": lambda: f"{Y} m. {mon(d, 'lt')} {D} d., {wd(d, 'lt')} {t}",
        "lv": lambda: (
            f"{wd(d, 'lv')}, {Y}. gada {D}. {mon(d, 'lv').replace('is', 'ī').replace('ss', 's')} {t}"
        ),
        "et": lambda: f"{wd(d, 'et')}, {D}. {mon(d, 'et')} {Y} {t}",
        "de": lambda: f"{wd(d, 'de')}, {D}. {mon(d, 'de')} {Y} {t}",
        "fr": lambda: f"{wd(d, 'fr')} {D} {mon(d, 'fr')} {Y} {t}",
        "es": lambda: f"{wd(d, 'es')}, {D} de {mon(d, 'es')} de {Y} {t}",
        "it": lambda: f"{wd(d, 'it')} {D} {mon(d, 'it')} {Y} {t}",
        "nl": lambda: f"{wd(d, 'nl')} {D} {mon(d, 'nl')} {Y} {t}",
        "pt": lambda: f"{wd(d, 'pt')}, {D} de {mon(d, 'pt')} de {Y} {t}",
        "pl": lambda: f"{wd(d, 'pl')}, {D} {mon(d, 'pl')} {Y} {t}",
        "tr": lambda: f"{D} {mon(d, 'tr')} {Y} {wd(d, 'tr')} {t}",
    }
    return f.get(lang, f["en"])()


def gmail_date(d: datetime, lang: str) -> str:
    """Gmail's 'Date:' value in a forwarded block (web UI in that language)."""
    D, Y = d.day, d.year
    am = d.hour < 12
    h12 = d.hour % 12 or 12
    f = {
        "en": lambda: f"{wd(d, 'en')[:3]}, {mon(d, 'en')[:3]} {D}, {Y} at {ampm(d)}",
        "zh-CN": lambda: (
            f"{Y}年{d.month}月{D}日周{'一二三四五六日'[d.weekday()]} {'上午' if am else '下午'}{h12}:{d.minute:02d}"
        ),
        "zh-TW": lambda: (
            f"{Y}年{d.month}月{D}日 週{'一二三四五六日'[d.weekday()]} {'上午' if am else '下午'}{h12}:{d.minute:02d}"
        ),
        "ko": lambda: (
            f"{Y}년 {d.month}월 {D}일 ({'월화수목금토일'[d.weekday()]}) {'오전' if am else '오후'} {h12}:{d.minute:02d}"
        ),
        "vi": lambda: (
            f"{wd(d, 'vi').replace('Thứ ', 'Th ')}, {D} thg {d.month}, {Y} vào lúc {hm(d)}"
        ),
        "id": lambda: (
            f"{wd(d, 'id')[:3]}, {D} {mon(d, 'id')[:3]} {Y} pukul {d.hour:02d}.{d.minute:02d}"
        ),
        "ms": lambda: (
            f"{wd(d, 'ms')[:3]}, {D} {mon(d, 'ms')[:3]} {Y} pada {h12}:{d.minute:02d} {'PG' if am else 'PTG'}"
        ),
        "th": lambda: (
            f"{['จ.', 'อ.', 'พ.', 'พฤ.', 'ศ.', 'ส.', 'อา.'][d.weekday()]} {D} {'ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย. ต.ค. พ.ย. ธ.ค.'.split()[d.month - 1]} {Y} {hm(d)}"
        ),
        "he": lambda: f"יום {wd(d, 'he')}, {D} ב{mon(d, 'he')} {Y} ב-{hm(d)}",
        "ar": lambda: (
            f"{wd(d, 'ar')}، {D} {mon(d, 'ar')} {Y} في {h12}:{d.minute:02d} {'ص' if am else 'م'}"
        ),
        "hi": lambda: (
            f"{wd(d, 'hi')[:3]}, {D} {mon(d, 'hi')} {Y} को {h12}:{d.minute:02d} {'am' if am else 'pm'} बजे"
        ),
        "uk": lambda: f"{wd(d, 'uk')[:2]}, {D} {mon(d, 'uk')[:3]}. {Y} р. о {hm(d)}",
        "ru": lambda: f"{wd(d, 'ru')[:2]}, {D} {mon(d, 'ru')[:3]}. {Y} г. в {hm(d)}",
        "bg": lambda: f"{wd(d, 'bg')[:2]}, {D} {mon(d, 'bg')[:3]} {Y} г. в {hm(d)}",
        "sk": lambda: f"po {D}. {d.month}. {Y} o {hm(d)}",
        "sl": lambda: f"{wd(d, 'sl')[:3]}., {D}. {mon(d, 'sl')[:3]}. {Y} ob {hm(d)}",
        "hr": lambda: f"{wd(d, 'hr')[:3]}, {D}. {mon(d, 'hr')[:3]} {Y}. u {hm(d)}",
        "lt": lambda: f"{Y}-{d.month:02d}-{D:02d}, {wd(d, 'lt')[:3]}., {hm(d)}",
        "lv": lambda: f"{wd(d, 'lv')[:3]}., {Y}. g. {D}. {mon(d, 'lv')[:3]}., plkst. {hm(d)}",
        "et": lambda: f"{wd(d, 'et')[0].upper()}, {D}. {mon(d, 'et')[:3]} {Y} kell {hm(d)}",
        "ca": lambda: f"{wd(d, 'ca')[:2]}., {D} {mon(d, 'ca')[:6]}. {Y} a les {hm(d)}",
    }
    return f.get(lang, f["en"])()
