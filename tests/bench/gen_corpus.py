#!/usr/bin/env python3
"""Generate a synthetic `brief` site for benchmarks.

    python3 tests/bench/gen_corpus.py OUT_DIR --briefings N [--seed S]

writes OUT_DIR/site.yaml, OUT_DIR/content/briefings/<year>/<date>-<slug>-<n>.md and
OUT_DIR/content/people/<slug>.md. Standard library only; the same arguments always give the
same bytes. See tests/bench/README.md.
"""

import argparse
import datetime
import functools
import json
import os
import random
import re
import shutil
import string
import sys
import unicodedata

MARKER = ".bench-corpus"
BASE_URL = "https://bench.example.org/briefings/"
FIRST_DAY = datetime.date(2016, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)

# ---------------------------------------------------------------------------------------------
# Slugs, exactly as brief makes them (src/slug.rs: deunicode, then runs of anything but ASCII
# letters and digits become one '-', apostrophes vanish, at most 80 bytes). deunicode is
# approximated by NFKD plus a table of the letters NFKD leaves alone; every letter the pools
# below use is covered (checked against brief's own slugify when the generator was written).
# ---------------------------------------------------------------------------------------------

_TRANSLIT = {
    "ł": "l", "ß": "ss", "ı": "i", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae",
    "œ": "oe", "ə": "e",  # brief writes the schwa as e: "Heydər" -> "heyder"
    "’": "'",
    # Russian Cyrillic, as deunicode transliterates it.
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}


@functools.lru_cache(maxsize=None)
def slugify(text):
    out = []
    pending = False
    for ch in text.lower():
        rep = _TRANSLIT.get(ch)
        if rep is None:
            rep = "".join(c for c in unicodedata.normalize("NFKD", ch) if ord(c) < 128)
        for c in rep:
            if c.isascii() and c.isalnum():
                if pending and out:
                    out.append("-")
                pending = False
                out.append(c)
            elif c != "'":
                pending = True
    slug = "".join(out)
    if len(slug) > 80:
        slug = slug[:80].rstrip("-")
    return slug


def is_ascii(text):
    return all(ord(c) < 128 for c in text)


# ---------------------------------------------------------------------------------------------
# YAML output: plain scalars where they are safe, JSON-style double quotes (valid YAML) otherwise.
# ---------------------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[^\W\d_][\w .,'’()/-]*$")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def y(text):
    text = str(text)
    if _PLAIN.match(text) and not text.endswith(" ") and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def y_flow(items):
    out = []
    for item in items:
        s = y(item)
        if "," in s and not s.startswith('"'):
            s = json.dumps(item, ensure_ascii=False)
        out.append(s)
    return "[" + ", ".join(out) + "]"


# ---------------------------------------------------------------------------------------------
# Name pools. Each culture: male and female given names, surnames (male form; `fem` makes the
# female form), and how names are ordered and varied.
# ---------------------------------------------------------------------------------------------


def fem_slavic(s):
    for a, b in (("skiy", "skaya"), ("sky", "skaya"), ("ov", "ova"), ("ev", "eva"), ("in", "ina")):
        if s.endswith(a):
            return s[: -len(a)] + b
    return s


def fem_russian_cyr(s):
    if s.endswith("ский"):
        return s[:-4] + "ская"
    if s[-2:] in ("ов", "ев", "ёв", "ин"):
        return s + "а"
    return s


def fem_polish(s):
    for a, b in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if s.endswith(a):
            return s[: -len(a)] + b
    return s


def fem_czech(s):
    if s.endswith("ý"):
        return s[:-1] + "á"
    if s.endswith("ek"):
        return s[:-2] + "ková"
    if s.endswith("ec"):
        return s[:-2] + "cová"
    if s.endswith("a"):
        return s[:-1] + "ová"
    return s + "ová"


def fem_ukrainian(s):
    if s.endswith("sky"):
        return s[:-3] + "ska"
    if s.endswith("ov") or s.endswith("ev"):
        return s + "a"
    return s


def fem_greek(s):
    for a, b in (("is", "i"), ("os", "ou"), ("as", "a")):
        if s.endswith(a):
            return s[: -len(a)] + b
    return s


def fem_turkic(s):
    if s.endswith(("ov", "ev", "in")):
        return s + "a"
    return s


def same(s):
    return s


CULTURES = {
    "pl": dict(
        m="Tomasz Łukasz Paweł Krzysztof Andrzej Radosław Mateusz Michał Wojciech Zbigniew Jarosław Grzegorz",
        f="Małgorzata Agnieszka Katarzyna Magdalena Beata Ewa Joanna Żaneta Barbara Elżbieta",
        s="Kowalski Wiśniewski Wójcik Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski Kaczmarek Mazur Sikorski Błaszczak Gałązka Kosiniak Żurawski",
        fem=fem_polish, middle=True),
    "cs": dict(
        m="Jiří Petr Tomáš Miloš Pavel Jan Vojtěch Zdeněk Martin Ondřej",
        f="Kateřina Lucie Markéta Jana Věra Zuzana Alena Dagmar",
        s="Novák Dvořák Černý Procházka Kučera Veselý Horák Němec Pospíšil Hájek Král Růžička",
        fem=fem_czech, middle=True),
    "hu": dict(
        m="Viktor Péter Gergely Zoltán László Gábor Balázs Ferenc Tamás Ádám",
        f="Katalin Judit Zsófia Ildikó Erzsébet Anikó Réka Tünde",
        s="Szijjártó Nagy Kovács Tóth Szabó Horváth Varga Kiss Molnár Németh Farkas Balogh Lőrinc Győri Fűzfa",
        fem=same, middle=True),
    "ro": dict(
        m="Ion Mihai Ștefan Călin Marcel Nicușor Dragoș Bogdan Traian Sorin",
        f="Ioana Maia Ramona Simona Andreea Natalia Iulia Gabriela",
        s="Popescu Ionescu Constantinescu Dumitrescu Stănescu Georgescu Ciucă Bălan Țurcanu Munteanu Florescu Sârbu Grosu",
        fem=same, middle=True),
    "tr": dict(
        m="Recep Ahmet Mehmet Mustafa Hakan Mevlüt Süleyman Kemal Ömer İbrahim Çağlar Oğuz Yiğit Tayyip",
        f="Ayşe Fatma Meral Tansu Gülşen Şule Özlem Nilüfer Elif Merve",
        s="Erdoğan Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Özdemir Arslan Doğan Kılıçdaroğlu Çavuşoğlu Fidan Babacan Akşener",
        fem=same, middle=True),
    "az": dict(
        m="İlham Heydər Ceyhun Elnur Rəşad Tural Vüqar Əli Elmar Hikmət",
        f="Mehriban Leyla Aynur Günel Səbinə Nərgiz",
        s="Əliyev Bayramov Məmmədov Hüseynov Qasımov Həsənov Rzayev Quliyev Hacıyev",
        fem=fem_turkic, middle=False),
    "de": dict(
        m="Jürgen Günther Jörg Björn Olaf Frank-Walter Friedrich Markus Boris Lars Matthias Klaus Uwe Rüdiger Sönke",
        f="Annalena Ursula Annegret Christiane Bärbel Julia Ricarda Gesine Katrin Dörte Käthe",
        s="Müller Schäfer Köhler Weiß Groß Schröder Fischer Krüger Bär Hoffmann Lübke Steinbrück Schulz Wüst Söder Baerbock Gößling",
        fem=same, middle=True),
    "fr": dict(
        m="Jean-Noël François Stéphane Hervé Gérald Benoît Jérôme Thierry Sébastien Aurélien Raphaël Gaël Jean-Yves",
        f="Élisabeth Ségolène Agnès Chloé Hélène Valérie Clémence Anaïs Geneviève Noémie Marie-Hélène",
        s="Le Drian,Lefèvre,Béranger,Dupré,Mélenchon,Barrot,Séjourné,Lecornu,Moreau,Giraud,Dubois,Lemaître,Bézier,Delorme,Fournier,Faÿ",
        fem=same, middle=True),
    "es": dict(
        m="José Pedro Íñigo Ángel Andrés Joaquín Raúl Nicolás Martín Jesús Óscar Gonzalo",
        f="María Begoña Nuria Yolanda Ana Inés Teresa Ángela Lucía Marisol Mónica Sofía",
        s="Sánchez Núñez Muñoz Ibáñez Peña Castañeda Albares Díaz Feijóo Abascal Gutiérrez Domínguez Ordóñez Montero Calviño Yáñez Pérez-Castejón",
        fem=same, middle=False, second_surname=True),
    "pt": dict(
        m="João António Luís Sebastião Gonçalo Estêvão Márcio Flávio Fernando Tomás",
        f="Conceição Graça Luísa Inês Simone Marina Beatriz Fernanda",
        s="Magalhães Guimarães Gonçalves Araújo Simões Brandão Assunção Fernandes Rebelo Costa Leitão Calçada",
        fem=same, middle=True),
    "it": dict(
        m="Giuseppe Matteo Sergio Mario Giorgio Antonio Luigi Niccolò Guido Enrico",
        f="Giorgia Elly Marta Chiara Federica Lucia Raffaella Rosalba",
        s="Rossi,Bianchi,Conte,Tajani,Crosetto,Gentiloni,De Luca,Esposito,Romano,Colombo,Ferrari,D'Alema,Dell'Utri,Mattarella",
        fem=same, middle=True),
    "ru": dict(  # Cyrillic: names are transliterated for display; the original is an alias
        m="Сергей Алексей Дмитрий Андрей Юрий Николай Михаил Владимир Евгений Игорь Олег Павел Максим Григорий Фёдор Анатолий",
        f="Елена Мария Татьяна Наталья Юлия Ольга Валентина Ирина Екатерина Анна Светлана Ксения",
        s="Лавров Песков Волков Соколов Кузнецов Морозов Лебедев Козлов Новиков Фёдоров Жуков Зайцев Белов Орлов Ковалёв Карпов Громов Шувалов Чернышёв Яковлев Островский Вяземский Шойгу",
        fem=fem_russian_cyr, cyrillic=True),
    "uk": dict(
        m="Volodymyr Oleksandr Dmytro Andriy Oleksiy Petro Vitaliy Denys Rustem Kyrylo Mykhailo",
        f="Yuliya Iryna Olena Oksana Natalia Kateryna Halyna",
        s="Zelensky Kuleba Yermak Reznikov Sybiha Klitschko Poroshenko Shmyhal Umerov Budanov Tymoshenko Stefanchuk Kovalenko Bondarenko Melnyk Shevchenko Tkachuk Podolyak",
        fem=fem_ukrainian, middle=False,
        variants={"Volodymyr": "Vladimir", "Oleksandr": "Aleksandr", "Dmytro": "Dmitry", "Andriy": "Andrei",
                  "Oleksiy": "Alexei", "Yuliya": "Yulia", "Olena": "Elena", "Kyrylo": "Kirill",
                  "Mykhailo": "Mikhail", "Vitaliy": "Vitali", "Petro": "Pyotr", "Zelensky": "Zelenskyy",
                  "Podolyak": "Podoliak", "Halyna": "Galina", "Denys": "Denis"}),
    "kz": dict(
        m="Kassym-Jomart Nursultan Askar Yerlan Marat Beibut Timur Daniyar Qairat Serik Murat",
        f="Dariga Aigerim Gulnara Saule Aida Tamara Dinara Äsel",
        s="Tokayev Nazarbayev Smailov Mamin Bektenov Ashimbayev Koshanov Zhakupov Tileuberdi Nurlanov",
        fem=fem_turkic, middle=False, patronymic=("uly", "qyzy"),
        variants={"Kassym-Jomart": "Qasym-Jomart", "Jomart": "Zhomart", "Tokayev": "Toqaev",
                  "Nazarbayev": "Nazarbaev", "Yerlan": "Erlan", "Qairat": "Kairat", "Askar": "Asqar",
                  "Ashimbayev": "Ashimbaev", "Zhakupov": "Jaqypov", "Beibut": "Beibit"}),
    "ca": dict(
        m="Sadyr Shavkat Almazbek Akylbek Rustam Jamshid Bakhtiyor Emomali Kamchybek",
        f="Roza Dilnoza Gulnora Saida Nodira Zarina",
        s="Japarov Mirziyoyev Atambayev Tashiev Saidov Norov Rakhmonov Kasymaliev Ismoilov",
        fem=fem_turkic, middle=False,
        variants={"Mirziyoyev": "Mirziyoev", "Japarov": "Zhaparov", "Shavkat": "Şavkat", "Bakhtiyor": "Baxtiyor"}),
    "zh": dict(
        m="Yi Qiang Jinping Gang Xiangdong Jiechi Weidong Haoran Zhiyuan Jun Lei",
        f="Chunying Mei Xiaoling Yuxin Hua Ning Ying Jing",
        s="Wang Li Zhang Liu Chen Yang Huang Zhao Zhou Wu Xu Sun Ma Hu Guo Lü Xi Qin Dong",
        fem=same, family_first=True),
    "tw": dict(
        m="Ching-te Wen-je Yu-ih Chao-hsieh Tsung-ming Chien-jen Kuo-chang",
        f="Ing-wen Bi-khim Mei-ling Shu-fen Hsiu-lien Ya-ling",
        s="Tsai Lai Hsiao Ko Hou Wu Lin Cheng Chiang Huang",
        fem=same, family_first=True),
    "vi": dict(
        m="Trọng Chính Hùng Dũng Thưởng Sơn Long Phúc",
        f="Thảo Lan Hương Ngọc Hà Mai",
        s="Nguyễn Trần Lê Phạm Võ Đặng Bùi Đỗ Hồ",
        fem=same, family_first=True, vi_middle=("Văn Đức Minh Xuân Phú Tấn", "Thị Ngọc Thanh Kim")),
    "ja": dict(
        m="Fumio Shigeru Yoshimasa Tarō Shūichi Kōichi Toshimitsu Yoshihide",
        f="Yōko Sanae Seiko Tomomi Yuriko Kyōko",
        s="Kishida Ishiba Hayashi Motegi Kōno Ōno Satō Katō Takaichi Kamikawa Suzuki Iwaya",
        fem=same, middle=False, reverse_alias=True),
    "ko": dict(
        m="Suk-yeol Jae-in Jae-myung Duck-soo Jin Yong-hyun Chung-hee",
        f="Kyung-wha Geun-hye Mi-kyung Ji-young Eun-jung",
        s="Kim Lee Park Yoon Moon Choi Han Cho Chung Kang",
        fem=same, family_first=True,
        variants={"Lee": "Yi", "Park": "Bak", "Yoon": "Yun", "Choi": "Choe", "Cho": "Jo", "Kang": "Gang",
                  "Chung": "Jeong", "Moon": "Mun", "Suk-yeol": "Seok-yeol"}),
    "sv": dict(
        m="Magnus Ulf Tobias Pål Carl Johan Stefan Göran",
        f="Åsa Märta Ebba Magdalena Ann-Sofie Margot",
        s="Åkesson Löfven Kristersson Strömberg Sjöstedt Öberg Lindqvist Bergström Nyström",
        fem=same, middle=True),
    "no": dict(
        m="Jonas Jens Espen Bjørn Ståle Trygve Ørjan",
        f="Solveig Ingrid Siv Kjersti Ane Bjørg",
        s="Støre Søreide Bjørnstad Sørensen Eriksen Vestre Kjærnes Ødegaard Strøm",
        fem=same, middle=True),
    "da": dict(
        m="Lars Søren Jeppe Anders Mogens Bjarke",
        f="Mette Pernille Helle Trine Ærø",
        s="Løkke Rasmussen Frederiksen Kofod Jørgensen Bæk Møller Nørgaard",
        fem=same, middle=True),
    "fi": dict(
        m="Sauli Alexander Pekka Jussi Petteri Väinö Antti",
        f="Sanna Elina Päivi Tytti Riikka Jenni",
        s="Niinistö Häkkänen Orpo Marin Väyrynen Mäkelä Hyvönen Lähteenmäki Virtanen",
        fem=same, middle=True),
    "is": dict(
        m="Bjarni Guðlaugur Þórður Sigurður Ólafur Ármann",
        f="Katrín Þórdís Guðrún Kristrún Áslaug",
        s="Benedikts Jakobs Gunnars Sigurðar Ólafs Þórs Guðmunds Frosta",
        fem=same, middle=True, icelandic=True),
    "ga": dict(
        m="Seán,Micheál,Leo,Eamon,Pádraig,Simon,Ciarán",
        f="Siobhán,Mary Lou,Áine,Niamh,Róisín,Helen",
        s="O'Brien,O'Neill,McDonald,Ó Briain,Kennedy,Flanagan,Ó Cuív,Martin,Ó Ríordáin",
        fem=same, middle=True),
    "gb": dict(
        m="Keir Rishi David Boris Jeremy Oliver Nigel Ed James",
        f="Liz Priti Yvette Rachel Angela Penny Kemi",
        s="Smith Jones Hunt Cleverly Lammy Healey Badenoch Miliband Patel Reeves Cooper Raab",
        fem=same, middle=True),
    "us": dict(
        m="Antony Joseph Marco Jake Lloyd Mike JD Pete Tom",
        f="Kamala Linda Wendy Nancy Victoria Samantha Kristi Tulsi",
        s="Blinken Sullivan Austin Rubio Waltz Sherman Nuland Price Haley Kerry Thomas-Greenfield Hegseth",
        fem=same, middle_initial=True),
    "ka": dict(
        m="Irakli Giorgi Mikheil Bidzina Levan Nika",
        f="Salome Tea Nino Khatia",
        s="Kobakhidze Garibashvili Ivanishvili Zurabishvili Papuashvili Darsalia Tsulukiani Melia",
        fem=same, middle=False, variants={"Mikheil": "Mikhail", "Giorgi": "George"}),
    "hy": dict(
        m="Nikol Ararat Vahagn Armen Serzh Robert",
        f="Anna Lilit Zaruhi Mariam",
        s="Pashinyan Mirzoyan Grigoryan Sargsyan Kocharyan Hakobyan",
        fem=same, middle=False, suffix_variant=("yan", "ian")),
    "sh": dict(
        m="Aleksandar Ivica Dražen Miloš Željko Goran Andrej",
        f="Ana Gordana Dubravka Marija Jadranka",
        s="Vučić Dačić Plenković Đurić Milanović Šuica Brnabić Grlić Radman Đilas",
        fem=same, middle=False, variants={"Aleksandar": "Alexander", "Vučić": "Vucic"}),
    "el": dict(
        m="Kyriakos Alexis Nikos Giorgos Yanis Dimitris",
        f="Katerina Dora Zoe Evi Anna",
        s="Mitsotakis Tsipras Dendias Gerapetritis Varoufakis Bakoyannis Venizelos",
        fem=fem_greek, middle=True,
        variants={"Giorgos": "Georgios", "Nikos": "Nikolaos", "Dimitris": "Dimitrios", "Yanis": "Ioannis"}),
    "lt": dict(
        m="Gitanas Gabrielius Kęstutis Vytautas Žygimantas",
        f="Ingrida Dalia Aušra Rūta Viktorija",
        s="Nausėda Landsbergis Budrys Kasčiūnas Anušauskas Čmilytė Šimonytė",
        fem=same, middle=False),
    "et": dict(
        m="Alar Urmas Margus Jüri Tõnis Hanno",
        f="Kaja Kersti Keit Liisa",
        s="Kallas Karis Tsahkna Reinsalu Michal Pevkur Läänemets Tõnisson",
        fem=same, middle=True),
    "he": dict(
        m="Benjamin Yair Isaac Gideon Naftali Benny Yoav",
        f="Ayelet Tzipi Orit Miri Merav",
        s="Lapid Herzog Gantz Sa'ar Katz Bennett Gallant Shaked Livni",
        fem=same, middle=False),
    "fa": dict(
        m="Abbas Hassan Javad Masoud Ebrahim Mohammad Ali",
        f="Masoumeh Zahra Shirin Fatemeh",
        s="Araghchi Rouhani Zarif Pezeshkian Raisi Ghalibaf Mohajerani Larijani",
        fem=same, middle=False, variants={"Mohammad": "Muhammad", "Hassan": "Hasan"}),
    "in": dict(
        m="Narendra Subrahmanyam Rahul Ajit Piyush Rajnath",
        f="Nirmala Sushma Smriti Meenakashi",
        s="Jaishankar Modi Gandhi Doval Goyal Sitharaman Swaraj Irani Singh",
        fem=same, middle=False),
    "ar": dict(
        m="Sameh,Badr,Mostafa,Hisham,Ahmed,Abdel Fattah",
        f="Rania,Nabila,Hala,Yasmine",
        s="Shoukry,Abdelatty,Madbouly,El-Sisi,Aboul Gheit,Mansour",
        fem=same, middle=False),
    "ng": dict(
        m="Bola Yusuf Kashim Olusegun Femi Nyesom",
        f="Ngozi Amina Oby Folasade",
        s="Tinubu Tuggar Okonjo-Iweala Ezekwesili Adeyemi Obasanjo Ojukwu Wike",
        fem=same, middle=True),
    "za": dict(
        m="Cyril Ronald Thabo Jacob Gwede Paul",
        f="Naledi Lindiwe Nkosazana Thandi",
        s="Ramaphosa Lamola Pandor Sisulu Mbeki Zuma Mantashe Mashatile",
        fem=same, middle=True),
}

# (nationality, culture, weight): about forty-five nationalities, a few much more frequent.
NATIONALITIES = [
    ("Russian", "ru", 10), ("Ukrainian", "uk", 8), ("American", "us", 8), ("Chinese", "zh", 6),
    ("Turkish", "tr", 5), ("German", "de", 5), ("French", "fr", 5), ("British", "gb", 4),
    ("Polish", "pl", 3), ("Kazakh", "kz", 3), ("Iranian", "fa", 3), ("Israeli", "he", 3),
    ("Spanish", "es", 2), ("Hungarian", "hu", 2), ("Belarusian", "ru", 2), ("Georgian", "ka", 2),
    ("Armenian", "hy", 2), ("Azerbaijani", "az", 2), ("Indian", "in", 2), ("Japanese", "ja", 2),
    ("South Korean", "ko", 2), ("Italian", "it", 2), ("Brazilian", "pt", 2), ("Mexican", "es", 1),
    ("Argentine", "es", 1), ("Venezuelan", "es", 1), ("Portuguese", "pt", 1), ("Czech", "cs", 1),
    ("Slovak", "cs", 1), ("Romanian", "ro", 1), ("Moldovan", "ro", 1), ("Serbian", "sh", 1),
    ("Croatian", "sh", 1), ("Greek", "el", 1), ("Lithuanian", "lt", 1), ("Estonian", "et", 1),
    ("Swedish", "sv", 1), ("Norwegian", "no", 1), ("Danish", "da", 1), ("Finnish", "fi", 1),
    ("Icelandic", "is", 1), ("Irish", "ga", 1), ("Austrian", "de", 1), ("Belgian", "fr", 1),
    ("Uzbek", "ca", 1), ("Kyrgyz", "ca", 1), ("Taiwanese", "tw", 1), ("Vietnamese", "vi", 1),
    ("Egyptian", "ar", 1), ("Nigerian", "ng", 1), ("South African", "za", 1),
]

RU_PATRONYMICS = "Сергеевич Викторович Владимирович Александрович Николаевич Иванович Петрович Михайлович Борисович Юрьевич Анатольевич".split()
RU_VARIANT_FIRST = {
    "Sergey": "Sergei", "Aleksey": "Alexei", "Dmitry": "Dmitri", "Andrey": "Andrei", "Yury": "Yuri",
    "Nikolay": "Nikolai", "Yevgeny": "Evgeni", "Anatoly": "Anatoli", "Grigory": "Grigori",
    "Yelena": "Elena", "Tatyana": "Tatiana", "Natalya": "Natalia", "Yuliya": "Julia",
    "Yekaterina": "Ekaterina", "Kseniya": "Ksenia", "Mariya": "Maria", "Fyodor": "Fedor",
    "Mikhail": "Michael", "Pavel": "Paul",
}

_RU_NEWS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}


def ru_latin(word):
    """News-style transliteration: Сергей -> Sergey, Дмитрий -> Dmitry, Елена -> Yelena."""
    low = word.lower()
    out = []
    for i, ch in enumerate(low):
        if ch == "е" and (i == 0 or low[i - 1] in "аеёиоуыэюяьъ"):
            out.append("ye")
        elif ch == "и" and low[i + 1:] == "й":
            out.append("")  # -ий -> -y
        elif ch == "ь" and i + 1 < len(low) and low[i + 1] in "еёиюя":
            out.append("")
        else:
            out.append(_RU_NEWS.get(ch, ch))
    text = "".join(out)
    text = text.replace("yy", "y")
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# Vocabulary for headlines and prose.
# ---------------------------------------------------------------------------------------------

TAGS_HEAD = """russia ukraine nato china usa eu sanctions diplomacy elections energy security
turkey germany france middle-east trade migration kazakhstan poland gas oil nuclear-arms
ceasefire human-rights united-nations iran israel taiwan south-caucasus central-asia
black-sea baltics arctic defence-spending inflation climate protests coup-attempt
constitution referendum courts press-freedom corruption cyber espionage""".split()

TAGS_TAIL = """albania algeria argentina armenia australia austria azerbaijan belarus belgium
bosnia brazil bulgaria canada chile colombia croatia cuba cyprus czechia denmark egypt
estonia ethiopia finland georgia greece hungary iceland india indonesia iraq ireland italy
japan jordan kosovo kyrgyzstan latvia lebanon libya lithuania mali mexico moldova mongolia
montenegro morocco netherlands nigeria north-korea norway pakistan portugal qatar romania
saudi-arabia serbia slovakia slovenia south-africa south-korea spain sudan sweden
switzerland syria tajikistan turkmenistan uk uzbekistan venezuela vietnam yemen
osce csto imf wto g7 g20 brics opec african-union asean council-of-europe icc
world-bank sco gcc mercosur eurasian-union interpol who iaea
grain-deal pipelines lng coal renewables critical-minerals semiconductors tariffs
currency debt budget pensions labour-strikes food-prices shipping ports railways
airspace drones missiles troops conscription mercenaries peacekeeping border-disputes
refugees visas citizenship minorities language-laws religion church education
universities media social-media disinformation censorship surveillance
opposition coalition-talks cabinet-reshuffle impeachment term-limits succession
prisoner-exchange hostages extradition asylum assassination poisoning
summits state-visits treaties arms-control chemical-weapons space nuclear-power
water drought floods earthquakes wildfires public-health vaccines""".split()

TAGS = TAGS_HEAD + TAGS_TAIL

_CITIES = """Moscow Kyiv Brussels Geneva Vienna Ankara Beijing Washington Berlin Paris Warsaw Astana
Tbilisi Yerevan Baku Budapest Bucharest Chișinău Reykjavík Zürich Kraków São_Paulo Bogotá
Taipei Hanoi Tokyo Seoul New_Delhi Cairo Abuja Pretoria Tehran Jerusalem Vilnius Tallinn
Helsinki Oslo Stockholm Copenhagen Lisbon Madrid Rome Athens Belgrade Zagreb Prague
Bratislava Minsk Tashkent Bishkek Mexico_City Buenos_Aires Caracas Davos Munich
Strasbourg The_Hague Doha Istanbul Almaty Gdańsk Odesa Kharkiv Lviv""".split()
CITIES = [c.replace("_", " ") for c in _CITIES]

ORGS = ["NATO", "the EU", "the UN Security Council", "the OSCE", "the IMF", "the WTO", "the G20",
        "BRICS", "OPEC+", "the CSTO", "the African Union", "ASEAN", "the Council of Europe",
        "the European Parliament", "the World Bank", "the IAEA"]

NOUNS = ["talks", "sanctions package", "ceasefire", "pipeline", "summit", "election", "coalition",
         "budget", "referendum", "treaty", "deal", "visit", "reform", "protest", "inquiry",
         "ultimatum", "veto", "blockade", "tariff", "loan", "corridor", "mandate", "reshuffle",
         "pardon", "decree", "memorandum", "alliance", "standoff", "gamble", "compromise",
         "bargain", "purge", "comeback", "walk-out", "détente", "shortlist", "roadmap"]
ADJS = ["fragile", "uneasy", "surprising", "long-awaited", "risky", "awkward", "bold", "quiet",
        "costly", "contested", "symbolic", "unusual", "fraught", "decisive", "vague", "hasty",
        "overdue", "lopsided", "cautious", "improbable", "half-hearted", "stubborn", "narrow"]
VERBS_PAST = ["announced", "rejected", "signed", "postponed", "defended", "questioned",
              "welcomed", "blocked", "proposed", "denounced", "revived", "abandoned", "hinted at",
              "walked back", "demanded", "promised", "leaked", "endorsed", "ruled out"]
VERBS_PRES = ["wants", "fears", "needs", "resists", "courts", "tests", "bets on", "doubts",
              "counts on", "plays down", "talks up"]
OBJECTS = ["a new round of talks", "a grain corridor", "tighter border controls",
           "a loan from the IMF", "fresh elections", "a prisoner swap", "a gas price cap",
           "a seat at the table", "a written guarantee", "a joint commission",
           "a review of the treaty", "a ban on exports", "emergency powers",
           "a visa-free regime", "observer status", "a second term", "a snap poll",
           "an arms embargo", "a customs union", "a peacekeeping mission"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
QUOTES = ["We will not be lectured about our own interests.", "Nothing is agreed until everything is agreed.",
          "The door remains open, but not for ever.", "This is not a negotiation; it is a conversation.",
          "Our patience is not unlimited.", "We have heard many promises; we want guarantees.",
          "History will judge who kept their word.", "There is no plan B, and there is no time for one.",
          "We are ready to talk to anyone who is ready to listen.", "Sovereignty is not a bargaining chip."]
PUBLISHERS = ["Example News", "The Daily Example", "Example Wire", "Le Monde d'Exemple",
              "Beispiel Zeitung", "Gazeta Przykładowa", "Örnek Haber", "Example Radio Liberty",
              "Noticias de Ejemplo", "Example Times", "Пример Новости"]
SOURCE_HOSTS = ["news.example.com", "wire.example.net", "daily.example.org", "www.example.com"]
AUTHORS = ["Lena Fischer", "Tomasz Wójcik", "Aylin Şahin", "Chloé Martin", "Ingrid Solberg",
           "Jonas Berg", "Marta Núñez", "Dmitri Orlov", "Aisha Bello", "Kenji Satō",
           "Niamh Ó Briain", "Pablo Ibáñez", "Zsófia Kovács", "Oliver Grant"]
SHARED_ACCOUNT = "RAIA members and alumni"


# ---------------------------------------------------------------------------------------------
# Random helpers
# ---------------------------------------------------------------------------------------------


def zipf_weights(n, s):
    return [1.0 / (k + 1) ** s for k in range(n)]


def cumulative(weights):
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def weighted_distinct(rng, items, cum, k):
    chosen = []
    while len(chosen) < k:
        item = rng.choices(items, cum_weights=cum)[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


def random_date(rng, start, end):
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def age_at(born, day):
    years = day.year - born.year
    if (day.month, day.day) < (born.month, born.day):
        years -= 1
    return years


# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------


class Person:
    def __init__(self):
        self.name = ""
        self.short = ""           # what prose calls them: a surname, usually
        self.gender = "m"
        self.nationality = []     # one or two
        self.born = None
        self.aliases = []
        self.profiled = False
        self.slug = ""
        self.briefings = []       # (date, year, stem), filled in as briefings are made

    @property
    def he(self):
        return "he" if self.gender == "m" else "she"

    @property
    def his(self):
        return "his" if self.gender == "m" else "her"

    @property
    def him(self):
        return "him" if self.gender == "m" else "her"


def split_pool(text):
    """Space-separated, or comma-separated when names contain spaces (`Le Drian`)."""
    return [w.strip() for w in text.split(",")] if "," in text else text.split()


class NameMaker:
    def __init__(self, rng):
        self.rng = rng
        self.pools = {}
        for key, c in CULTURES.items():
            self.pools[key] = dict(c, m=split_pool(c["m"]), f=split_pool(c["f"]), s=split_pool(c["s"]))

    def make(self, culture, gender, extended=False):
        """(name, short, alias candidates) for one new person. `extended` names carry a second
        given name (or a patronymic), for when the plain combinations run out."""
        rng = self.rng
        p = self.pools[culture]
        first = rng.choice(p[gender])
        last = rng.choice(p["s"])
        if gender == "f":
            last = p["fem"](last)
        alts = []
        if p.get("cyrillic"):
            patr = rng.choice(RU_PATRONYMICS)
            if gender == "f":
                patr = patr[:-2] + "на"
            lat_first, lat_last = ru_latin(first), ru_latin(last)
            full = f"{lat_first} {ru_latin(patr)} {lat_last}"
            if extended:
                return full, lat_last, [f"{first} {patr} {last}"]
            name = f"{lat_first} {lat_last}"
            alts.append(f"{first} {last}")
            variant = RU_VARIANT_FIRST.get(lat_first)
            if variant:
                alts.append(f"{variant} {lat_last}")
            if lat_last.endswith("sky"):
                alts.append(f"{lat_first} {lat_last[:-1]}i")
            alts.append(full)
            return name, lat_last, alts
        if extended:
            other = rng.choice([g for g in p[gender] if g != first])
            if culture == "zh":
                first = first + other.lower()  # two-syllable given name: Yi + Jun -> Yijun
            else:
                first = f"{first} {other}"
        if p.get("icelandic"):
            last = last + ("son" if gender == "m" else "dóttir")
        if p.get("vi_middle"):
            middles = p["vi_middle"][0 if gender == "m" else 1].split()
            name = f"{last} {rng.choice(middles)} {first}"
            alts.append(f"{last} {first}")
            return name, first, alts
        if p.get("family_first"):
            name = f"{last} {first}"
            variants = p.get("variants", {})
            if last in variants or first in variants:
                alts.append(f"{variants.get(last, last)} {variants.get(first, first)}")
            alts.append(f"{first} {last}")
            return name, last, alts
        name = f"{first} {last}"
        variants = p.get("variants", {})
        if first in variants or last in variants:
            alts.append(f"{variants.get(first, first)} {variants.get(last, last)}")
        if "Jomart" in first:
            alts.append(f"{first.replace('Jomart', 'Zhomart')} {last}")
        suffix = p.get("suffix_variant")
        if suffix and last.endswith(suffix[0]):
            alts.append(f"{first} {last[: -len(suffix[0])]}{suffix[1]}")
        if culture in ("de",) and any(c in name for c in "äöüÄÖÜ"):
            de = name
            for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
                de = de.replace(a, b)
            alts.append(de)
        if p.get("patronymic"):
            father = rng.choice(p["m"]).split("-")[0]
            suffix = p["patronymic"][0 if gender == "m" else 1]
            alts.append(f"{first} {father}{suffix} {last}")
        if p.get("second_surname"):
            alts.append(f"{first} {last} {rng.choice(p['s'])}")
        if p.get("middle"):
            middle = rng.choice([g for g in p[gender] if g != first])
            alts.append(f"{first} {middle} {last}")
        if p.get("middle_initial"):
            alts.append(f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}")
        if p.get("reverse_alias"):
            alts.append(f"{last} {first}")
        return name, last, alts


def make_people(rng, count):
    maker = NameMaker(rng)
    nat_names = [n for n, _, _ in NATIONALITIES]
    nat_culture = {n: c for n, c, _ in NATIONALITIES}
    nat_cum = cumulative([w for _, _, w in NATIONALITIES])
    taken = set()  # slugs of every name and alias: one slug, one person
    people = []
    attempts = 0
    while len(people) < count:
        attempts += 1
        if attempts > count * 20:
            sys.exit(f"gen_corpus: cannot find {count} distinct names; the pools are too small")
        nationality = rng.choices(nat_names, cum_weights=nat_cum)[0]
        gender = "m" if rng.random() < 0.62 else "f"
        # A few tries with plain names, then with a second given name, before moving on.
        for extended in (False, False, False, True, True, True):
            name, short, alts = maker.make(nat_culture[nationality], gender, extended)
            slug = slugify(name)
            if slug and slug not in taken:
                break
        else:
            continue
        person = Person()
        person.name, person.short, person.gender, person.slug = name, short, gender, slug
        person.nationality = [nationality]
        if rng.random() < 0.03:
            second = rng.choice(nat_names)
            if second != nationality:
                person.nationality.append(second)
        person.born = random_date(rng, datetime.date(1944, 1, 1), datetime.date(1988, 12, 31))
        person.profiled = rng.random() < 1 / 3
        taken.add(slug)
        if person.profiled:
            rng.shuffle(alts)
            # Fallback when the culture offers no variant (or they are taken): a middle initial.
            head, _, tail = name.rpartition(" ")
            alts.append(f"{head} {rng.choice('ABCDEFGHJKLMNPRSTVW')}. {tail}")
            want = rng.choice((1, 2))
            for alt in alts:
                alt_slug = slugify(alt)
                if len(person.aliases) < want and alt_slug and alt_slug not in taken:
                    person.aliases.append(alt)
                    taken.add(alt_slug)
        people.append(person)
    return people


# ---------------------------------------------------------------------------------------------
# Prose
# ---------------------------------------------------------------------------------------------


_ARTICLE = re.compile(r"\b([Aa]) ([aeiouAEIOU])")


class Prose:
    def __init__(self, rng):
        self.rng = rng

    _SLOTS = dict(
        city=CITIES, city2=CITIES, org=ORGS, org2=ORGS, noun=NOUNS, noun2=NOUNS, adj=ADJS,
        adj2=ADJS, past=VERBS_PAST, pres=VERBS_PRES, obj=OBJECTS, obj2=OBJECTS, day=WEEKDAYS,
        month=MONTHS, num=[str(n) for n in range(2, 98)],
        big=["12,000", "40,000", "100,000", "1.2 million", "$3 billion", "€800 million"],
    )
    _fields = {}

    def fill(self, template, **kw):
        fields = self._fields.get(template)
        if fields is None:
            fields = [f for _, f, _, _ in string.Formatter().parse(template) if f]
            self._fields[template] = fields
        values = {}
        for f in fields:  # draw only the slots this template uses
            if f not in values:
                values[f] = kw[f] if f in kw else self.rng.choice(self._SLOTS[f])
        return _ARTICLE.sub(r"\1n \2", template.format(**values))

    def sentences(self, templates, target, **kw):
        """Sentences from `templates` (each used once before any repeats) up to `target` chars."""
        out, length, deck = [], 0, []
        while length < target:
            if not deck:
                deck = self.rng.sample(templates, len(templates))
            s = self.fill(deck.pop(), **kw)
            s = s[0].upper() + s[1:]
            out.append(s)
            length += len(s) + 1
        return out

    def paragraph(self, templates, target, **kw):
        return wrap(" ".join(self.sentences(templates, target, **kw)))


def upper_first(text):
    return text[:1].upper() + text[1:]


def wrap(text, width=92):
    """Hard-wraps prose the way members write it (one paragraph, several lines)."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return "\n".join(lines)


NEWS = [
    "on {day} {short} {past} {obj} in {city}, to the visible discomfort of {org}.",
    "{short} {past} {obj} after a {adj} week of meetings with {org}.",
    "the {noun} that {short} {past} in {city} was meant to look like strength.",
    "officials in {city} had expected {obj}; {short} {past} {obj2} instead.",
    "{he} arrived in {city} with a {adj} plan and left with a {adj2} {noun}.",
    "at a press conference in {city}, {short} {past} {obj} and took only {num} questions.",
    "{his} office said the {noun} was {adj}, which in {city} means nobody is sure.",
    "{short} {past} the {noun} barely a month after {his} last visit to {city2}.",
    "the trigger was a {adj} {noun} in {city}, and {short} did not wait for {org} to react.",
]
CARE = [
    "{org} {pres} {obj}, and {short} {pres} {org2}.",
    "the {noun} in {city} decides how {org} handles {obj} for the rest of the year.",
    "what {short} does next sets the price of {obj} from {city} to {city2}.",
    "a {adj} {noun} here tends to become a {adj2} {noun2} everywhere else.",
    "{short} has turned a local {noun} into a question for {org}.",
    "{num} per cent of the trade through {city} depends on {obj}.",
    "nobody in {city2} will say so in public, but the {noun} was {adj}.",
    "the last time {city} tried {obj}, it took {num} months to undo.",
]
YOU = [
    "you will pay for {obj} long before anyone in {city} admits it.",
    "if the {noun} holds, {org} gets {obj}; if not, expect a {adj} winter.",
    "{short} is {num} years into a career built on {adj} bets, and most of them paid off.",
    "the {noun} is {adj}, but so was the last one, and it still changed the map.",
    "it is a {adj} story with a {adj2} ending, and {big} is riding on it.",
    "watch {city}: that is where the {noun} will be won or lost.",
]
OTHERS = [
    "{name}, who {pres} {obj}.",
    "{name}, whose {noun} in {city} depends on how this ends.",
    "{name}, who {past} {obj} only last {month}.",
    "{name}, for whom the {noun} is {adj} at best.",
]
FURTHER = [
    "the {noun} was, as ever, {adj}.",
    "{short} {past} {obj} once before, in {month}, and nobody remembers how that ended.",
    "one diplomat in {city} called the whole affair a {adj} {noun}.",
    "expect more of this before {month} is out.",
    "the next round is pencilled in for {city2}, on a {day}.",
    "keep an eye on {org}, which has said remarkably little.",
]
BIO = [
    "born in {city}, {he} studied law and then international relations in {city2}.",
    "{he} entered politics in {month} of a {adj} year and has rarely left the front page since.",
    "critics call {him} {adj}; supporters call {him} {adj2}.",
    "before {his} current post {he} ran a {noun} for {org}.",
    "{he} speaks {num2} languages and is known for a {adj} sense of humour.",
    "{his} first big test was a {adj} {noun} in {city}.",
]
SUMMARY = [
    "{short} {past} {obj}, and {org} is not amused.",
    "A {adj} {noun} in {city}, and what it means for {org}.",
    "{short} {pres} {obj}. {org} {pres} {obj2}.",
    "Why a {adj} {noun} in {city} matters beyond {city2}.",
]
HEADLINES = [
    "{short}'s {adj} {noun}",
    "{short} and the {adj} {noun}",
    "A {adj} {noun} in {city}",
    "{short}: a {adj} week in {city}",
    "Why {short} {pres} {obj}",
    "{short} {past} {obj}",
    "The {noun} nobody wanted",
    "{city}, {short} and the {noun}",
]
SOURCE_TITLES = [
    "{short} {past} {obj}",
    "{org} reacts as {short} {past} {obj}",
    "Analysis: the {adj} {noun} in {city}",
    "{short} says {org} {pres} {obj}",
    "What the {noun} in {city} means",
]


# ---------------------------------------------------------------------------------------------
# Briefings
# ---------------------------------------------------------------------------------------------


class Briefing:
    pass


def plan_briefings(rng, people, n):
    """Dates, subjects, tags and the rest of the front matter, before any prose is written."""
    order = people[:]
    rng.shuffle(order)  # rank for the Zipf-like draw of subjects and of who else cares
    person_cum = cumulative(zipf_weights(len(order), 0.8))
    tag_cum = cumulative(zipf_weights(len(TAGS), 1.07))
    day_count = (LAST_DAY - FIRST_DAY).days + 1
    briefings = []
    for i in range(1, n + 1):
        b = Briefing()
        b.n = i
        b.date = FIRST_DAY + datetime.timedelta(days=rng.randrange(day_count))
        if rng.random() < 0.5:
            b.subject = rng.choices(order, cum_weights=person_cum)[0]
        else:
            b.subject = rng.choice(people)
        others = []
        want = rng.choice((1, 1, 2, 2, 3))
        while len(others) < want:
            o = rng.choices(order, cum_weights=person_cum)[0] if rng.random() < 0.6 else rng.choice(people)
            if o is not b.subject and o not in others:
                others.append(o)
        b.others = others
        b.tags = weighted_distinct(rng, TAGS, tag_cum, rng.choice((3, 3, 4, 4, 5)))
        b.care = min(10, max(0, round(rng.gauss(5.5, 2.2))))
        briefings.append(b)
    # Chronological order, so a briefing can point back at earlier ones about the same person.
    briefings.sort(key=lambda b: (b.date, b.n))
    return briefings


def person_ref(rng, person):
    """The name as a briefing writes it: now and then an alias of a profiled person."""
    if person.profiled and person.aliases and rng.random() < 0.25:
        return rng.choice(person.aliases)
    return person.name


def person_link(rng, person, text=None):
    """A Markdown link to a person that is sure to resolve, or None."""
    text = text or person.name
    if person.profiled:
        if is_ascii(person.name) and rng.random() < 0.4:
            return f"[{text}](/people/{person.slug}/)"
        return f"[{text}](../../people/{person.slug}.md)"
    return None


def write_briefing(rng, prose, b, root, stats):
    s = b.subject
    kw = dict(short=s.short, name=s.name, he=s.he, his=s.his, him=s.him)
    b.title = prose.fill(rng.choice(HEADLINES), **kw)
    b.title = b.title[0].upper() + b.title[1:]
    stem_slug = slugify(b.title)[:40].rstrip("-")
    b.stem = f"{b.date.isoformat()}-{stem_slug}-{b.n}"
    b.year = b.date.year
    b.ext_url = lambda: f"https://{rng.choice(SOURCE_HOSTS)}/{b.year}/{rng.randrange(10**6):06d}/{stem_slug}"

    # ---- front matter
    fm = ["---", f"title: {y(b.title)}"]
    if rng.random() < 0.85:
        fm.append(f"date: {b.date.isoformat()}")  # otherwise taken from the file name
    fm.append(f"subject: {y(person_ref(rng, s))}")
    if not s.profiled:
        fm.append(f"age: {age_at(s.born, b.date)}")
        nat = s.nationality
        fm.append(f"nationality: {y(nat[0]) if len(nat) == 1 else y_flow(nat)}")
    fm.append(f"care-rating: {b.care}")
    fm.append(f"tags: {y_flow(b.tags)}")
    fm.append(f"who-else-cares: {y_flow([person_ref(rng, o) for o in b.others])}")
    r = rng.random()
    if r < 0.4:
        fm.append(f"author: {SHARED_ACCOUNT}")
    elif r < 0.85:
        fm.append(f"author: {y(rng.choice(AUTHORS))}")
    else:
        fm.append(f"author: {y_flow(rng.sample(AUTHORS, 2))}")
    fm.append("sources:")
    for k in range(2):
        day = b.date - datetime.timedelta(days=rng.randrange(3))
        fm.append(f"  - title: {y(prose.fill(rng.choice(SOURCE_TITLES), **kw))}")
        fm.append(f"    url: {b.ext_url()}")
        fm.append(f"    publisher: {y(rng.choice(PUBLISHERS))}")
        fm.append(f"    date: {day.isoformat()}")
    if rng.random() < 0.5:
        fm.append(f"summary: {y(prose.fill(rng.choice(SUMMARY), **kw))}")
    fm.append("---")

    # ---- body
    body = []
    he = s.he
    # Why is he/she in the news?
    parts = []
    lead = prose.sentences(NEWS, 260, **kw)
    link = person_link(rng, s, s.short) if rng.random() < 0.6 else None
    if link:
        lead.insert(1, f"(See {link}'s profile.)" if rng.random() < 0.3 else f"For background, read about {link}.")
        stats["profile_links"] += 1
    if rng.random() < 0.5:
        lead.append(f"The [first reports]({b.ext_url()}) were {rng.choice(ADJS)}.")
        stats["external_links"] += 1
    parts.append(wrap(" ".join(lead)))
    if rng.random() < 0.3:
        parts.append("> " + rng.choice(QUOTES))
        stats["blockquotes"] += 1
        parts.append(prose.paragraph(NEWS, 120, **kw))
    body.append((f"Why is {he} in the news?", parts))

    # Why do we care?
    parts = []
    care = prose.sentences(CARE, 260, **kw)
    if rng.random() < 0.8:
        tag_links = [f"[{t.replace('-', ' ')}](/tags/{t}/)" for t in rng.sample(b.tags, rng.choice((1, 2)))]
        care.append(f"It touches {' and '.join(tag_links)}.")
        stats["tag_links"] += len(tag_links)
    parts.append(wrap(" ".join(care)))
    if rng.random() < 0.4:
        items = [prose.fill(rng.choice(CARE), **kw) for _ in range(rng.choice((2, 3, 4)))]
        parts.append("Points to keep in mind:\n\n" + "\n".join(f"- {i[0].upper()}{i[1:]}" for i in items))
        stats["lists"] += 1
    if rng.random() < 0.12:
        rows = sorted(rng.sample(range(b.year - 8, b.year + 1), 3))
        table = ["| Year | What happened |", "|---|---|"]
        table += [f"| {yr} | {upper_first(prose.fill('{adj} {noun} in {city}'))} |" for yr in rows]
        parts.append("\n".join(table))
        stats["tables"] += 1
    body.append(("Why do we care?", parts))

    # Why should you care?
    parts = []
    you = prose.sentences(YOU, 220, **kw)
    footnote = None
    if rng.random() < 0.2:
        you[0] = you[0][:-1] + "[^1]" + you[0][-1]
        footnote = f"[^1]: {prose.fill('According to {org}, as reported in {city} on a {day}.')}"
        stats["footnotes"] += 1
    you.append(f"You should care {b.care}/10.")
    parts.append(wrap(" ".join(you)))
    if footnote:
        parts.append(footnote)
    body.append(("Why should you care?", parts))

    # Who else cares?
    parts = []
    as_list = rng.random() < 0.4
    lines = []
    for o in b.others:
        shown = o.name
        link = person_link(rng, o)
        if link:
            shown = link
            stats["profile_links"] += 1
        elif is_ascii(o.name) and rng.random() < 0.3:
            shown = f"[{o.name}](/people/{o.slug}/)"  # every person named anywhere has a page
            stats["people_path_links"] += 1
        lines.append(prose.fill(rng.choice(OTHERS), **dict(kw, name=shown)))
    if as_list:
        stats["lists"] += 1
        parts.append("\n".join(f"- {line}" for line in lines))
    else:
        parts.append(wrap(" ".join(line[0].upper() + line[1:] for line in lines)))
    parts.append(prose.paragraph(CARE, 120, **kw))
    body.append(("Who else cares?", parts))

    # Any further comments?
    further = prose.sentences(FURTHER, 200, **kw)
    if s.briefings and rng.random() < 0.35:
        day, year, stem = rng.choice(s.briefings)
        when = f"{MONTHS[day.month - 1]} {day.year}"
        if rng.random() < 0.5:
            further.append(f"We wrote about {s.short} [in {when}](../{year}/{stem}.md) too.")
        else:
            further.append(f"See also [our briefing of {when}](/briefings/{stem}/).")
        stats["briefing_links"] += 1
    if rng.random() < 0.3:
        further.append(f"The [full transcript]({b.ext_url()}) is worth a look.")
        stats["external_links"] += 1
    if rng.random() < 0.1:
        nat = s.nationality[0]
        further.append(f"More [{nat} briefings](/nationalities/{slugify(nat)}/).")
        stats["nationality_links"] += 1
    body.append(("Any further comments?", [wrap(" ".join(further))]))

    text = "\n".join(fm) + "\n"
    text += "\n".join(f"## {q}\n\n" + "\n\n".join(p) + "\n" for q, p in body)
    folder = os.path.join(root, "content", "briefings", str(b.year))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, b.stem + ".md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    s.briefings.append((b.date, b.year, b.stem))
    stats["bytes"] += len(text.encode("utf-8"))


def write_profile(rng, prose, p, root):
    kw = dict(short=p.short, name=p.name, he=p.he, his=p.his, him=p.him, num2=rng.randrange(2, 6))
    nat = p.nationality
    fm = ["---", f"name: {y(p.name)}", f"aliases: {y_flow(p.aliases)}",
          f"born: {p.born.isoformat()}",
          f"nationality: {y(nat[0]) if len(nat) == 1 else y_flow(nat)}", "---"]
    bio = prose.sentences(BIO, rng.randrange(250, 600), **kw)
    if p.briefings and rng.random() < 0.3:
        day, year, stem = rng.choice(p.briefings)
        bio.append(f"See [the briefing of {day.isoformat()}](../briefings/{year}/{stem}.md).")
    text = "\n".join(fm) + "\n" + wrap(" ".join(bio)) + "\n"
    with open(os.path.join(root, "content", "people", p.slug + ".md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def prepare(out):
    if os.path.exists(out) and os.listdir(out) and not os.path.exists(os.path.join(out, MARKER)):
        sys.exit(f"gen_corpus: {out} is not empty and was not made by this script; choose another directory")
    if os.path.isdir(os.path.join(out, "content")):
        shutil.rmtree(os.path.join(out, "content"))
    os.makedirs(os.path.join(out, "content", "briefings"), exist_ok=True)
    os.makedirs(os.path.join(out, "content", "people"), exist_ok=True)
    with open(os.path.join(out, MARKER), "w", encoding="utf-8") as f:
        f.write("generated by tests/bench/gen_corpus.py; the content/ folder is rewritten on each run\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate a synthetic brief site for benchmarks.")
    ap.add_argument("out", metavar="OUT_DIR")
    ap.add_argument("--briefings", "-n", type=int, required=True, metavar="N")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.briefings < 1:
        ap.error("--briefings must be at least 1")

    rng = random.Random(args.seed)
    prose = Prose(rng)
    n_people = max(5, round(args.briefings / 5))
    people = make_people(rng, n_people)
    briefings = plan_briefings(rng, people, args.briefings)

    prepare(args.out)
    with open(os.path.join(args.out, "site.yaml"), "w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# Generated by tests/bench/gen_corpus.py "
            f"--briefings {args.briefings} --seed {args.seed}\n"
            "title: Bench Briefings\n"
            f"base-url: {BASE_URL}\n"
            f"description: A synthetic corpus of {args.briefings} briefings for benchmarking brief.\n"
            "per-page: 10\n"
            "feed-limit: 20\n"
        )
    stats = dict(bytes=0, profile_links=0, people_path_links=0, tag_links=0, external_links=0,
                 briefing_links=0, nationality_links=0, lists=0, tables=0, footnotes=0,
                 blockquotes=0)
    for b in briefings:
        write_briefing(rng, prose, b, args.out, stats)
    profiled = [p for p in people if p.profiled]
    for p in profiled:
        write_profile(rng, prose, p, args.out)

    nats = {n for p in people for n in p.nationality}
    tags = {t for b in briefings for t in b.tags}
    print(
        f"gen_corpus: {len(briefings)} briefings ({stats['bytes'] / 1e6:.1f} MB), "
        f"{len(people)} people ({len(profiled)} profiles), {len(tags)} tags, "
        f"{len(nats)} nationalities, seed {args.seed} -> {args.out}",
        file=sys.stderr,
    )
    print("gen_corpus: " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in stats.items() if k != "bytes"),
          file=sys.stderr)


if __name__ == "__main__":
    main()
