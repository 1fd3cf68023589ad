#!/usr/bin/env python3
"""Writes prefix_samples.hpp: bodies in several charsets and transfer
encodings for the prefix tests (prefix_tests.cpp).

Each sample is a text, its bytes in a charset (raw, quoted-printable and
base64, with CRLF line ends as mail has them), and the byte offset at which
each character's encoding ends in the raw bytes, so that a test knows which
characters a prefix of the raw bytes holds whole. Python's codecs are the
reference here, independent of the iconv the library uses. Run it from
anywhere after editing; the output is checked in, formatted by clang-format
as the rest of the tree.
"""
import base64
import binascii
import codecs
import pathlib
import shutil
import subprocess

HERE = pathlib.Path(__file__).resolve().parent

LINES = "\r\n"

# (name, charset label for the decoder, Python codec, text, exact)
# `exact`: every prefix must decode to exactly the characters whose bytes it
# holds. Not so where the decoder cannot know a character is complete until
# it sees the next byte (the guessing of unlabelled 8-bit text).
SAMPLES = [
    ("utf8", "utf-8", "utf-8",
     "Gr\u00fc\u00dfe aus K\u00f6ln \u2014 \u65e5\u672c\u8a9e, \U0001F600 and "
     "\u0928\u092e\u0938\u094d\u0924\u0947." + LINES + "Second line: caf\u00e9 \u20ac5.", True),
    ("latin1", "iso-8859-1", "latin-1",
     "Gr\u00fc\u00dfe aus K\u00f6ln, tr\u00e8s caf\u00e9, \u00bfqu\u00e9 tal?" + LINES
     + "\u00c5ngstr\u00f6m \u00d8resund \u00e6\u00f8\u00e5 \u00a9 \u00bd" * 2, True),
    ("windows1252", "windows-1252", "cp1252",
     "\u201cQuoted\u201d \u2014 \u20ac 12 \u2026 na\u00efve \u2018x\u2019 \u2122 \u0152uvre" + LINES
     + "trailing spaces   " + LINES + "end", True),
    ("shift_jis", "shift_jis", "shift_jis",
     "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3001\uff21\uff22\uff23 abc "
     "\uff76\uff80\uff76\uff85 \u6f22\u5b57" + LINES + "\u6b21\u306e\u884c\u3002", True),
    ("iso2022jp", "iso-2022-jp", "iso2022_jp",
     "\u3053\u3093\u306b\u3061\u306f\u3001\u4e16\u754c\u3002Hello \u65e5\u672c" + LINES
     + "\u6f22\u5b57 and ASCII \u304b\u306a", True),
    ("euc_jp", "euc-jp", "euc_jp",
     "\u65e5\u672c\u8a9e \u4e02 JIS X 0212: \u4e02\u4e04 \u3042\u3044" + LINES + "end", True),
    ("gb2312", "gb2312", "gbk",
     "\u4e2d\u6587\u6d4b\u8bd5 text \u4e02 (GBK only) \u6c49\u5b57" + LINES + "\u7ed3\u675f", True),
    ("euc_kr", "euc-kr", "euc_kr",
     "\ud55c\uad6d\uc5b4 \ud14d\uc2a4\ud2b8 and ASCII" + LINES + "\ub05d", True),
    ("big5", "big5", "big5", "\u4e2d\u6587\u7e41\u9ad4 text \u6e2c\u8a66" + LINES + "\u7d50\u675f",
     True),
    ("koi8r", "koi8-r", "koi8_r", "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440!"
     + LINES + "\u0415\u0449\u0451 \u0441\u0442\u0440\u043e\u043a\u0430.", True),
    ("utf16", "utf-16", "utf-16",
     "Gr\u00fc\u00dfe \U0001F600 \u65e5\u672c and more text" + LINES + "line 2", True),
    ("utf16be", "utf-16be", "utf-16-be", "Big \u00e9ndian \U0001F680 \u4e2d", True),
    ("utf7", "utf-7", "utf-7", "Hi Mom -\u263a-! A\u2262\u0391. \u65e5\u672c\u8a9e", False),
]

# Unlabelled text (no charset): UTF-8 in one place, windows-1252 in another,
# as real mail mixes them.
MIXED = ("unlabelled", "", [("caf\u00e9 \u2014 ", "utf-8"), ("na\u00efve \u00e9t\u00e9 \u20ac", "cp1252"),
                            (LINES + "\u65e5\u672c", "utf-8")])


def encode_with_boundaries(codec: str, text: str):
    encoder = codecs.getincrementalencoder(codec)()
    raw = b""
    boundaries = []
    for ch in text:
        raw += encoder.encode(ch)
        boundaries.append(len(raw))
    raw += encoder.encode("", final=True)
    return raw, boundaries


def quoted_printable(raw: bytes, textual: bool) -> bytes:
    encoded = binascii.b2a_qp(raw, istext=textual)
    return encoded.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") if textual else encoded


def base64_lines(raw: bytes) -> bytes:
    return base64.encodebytes(raw).replace(b"\n", b"\r\n")


def literal(data: bytes) -> str:
    out = []
    for b in data:
        c = chr(b)
        if 0x20 <= b < 0x7F and c not in '"\\?':
            out.append(c)
        else:
            out.append("\\%03o" % b)
    return 'std::string_view("%s", %d)' % ("".join(out), len(data))


def entry(name, label, raw, text, boundaries, exact, textual=True):
    return (
        "    {\"%s\", \"%s\",\n     %s,\n     %s,\n     %s,\n     %s,\n     {%s},\n     %s},\n"
        % (name, label, literal(raw), literal(quoted_printable(raw, textual)),
           literal(base64_lines(raw)), literal(text.encode("utf-8")),
           ", ".join(str(b) for b in boundaries), "true" if exact else "false"))


def main() -> None:
    entries = []
    for name, label, codec, text, exact in SAMPLES:
        raw, boundaries = encode_with_boundaries(codec, text)
        textual = not codec.startswith("utf-16")
        entries.append(entry(name, label, raw, text, boundaries, exact, textual))
    name, label, pieces = MIXED
    raw, boundaries, text = b"", [], ""
    for piece, codec in pieces:
        for ch in piece:
            raw += ch.encode(codec)
            boundaries.append(len(raw))
        text += piece
    entries.append(entry(name, label, raw, text, boundaries, False))
    output = HERE / "prefix_samples.hpp"
    output.write_text(
        "// Generated by make_prefix_samples.py: do not edit.\n"
        "#pragma once\n\n#include <cstddef>\n#include <string_view>\n#include <vector>\n\n"
        "struct prefix_sample {\n"
        "    const char* name;\n"
        "    const char* charset;\n"
        "    std::string_view raw;\n"
        "    std::string_view quoted_printable;\n"
        "    std::string_view base64;\n"
        "    std::string_view text;  // UTF-8\n"
        "    // Where each character's bytes end in `raw`.\n"
        "    std::vector<std::size_t> boundaries;\n"
        "    bool exact;\n"
        "};\n\n"
        "inline const prefix_sample k_prefix_samples[] = {\n" + "".join(entries) + "};\n")
    if shutil.which("clang-format"):
        subprocess.run(["clang-format", "-i", str(output)], check=True)


if __name__ == "__main__":
    main()
