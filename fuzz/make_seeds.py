#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/corpus/<target>/.

The seeds are checked in; run this from anywhere after editing it. Parser and
framer seeds start with the two option bytes their targets read (see
fuzz_parser.cpp): each stream is written with the default options and
whole-ish chunks, with tiny limits, a sink and small chunks, and with a sink,
a reset and moves of the parser. MIME seeds start with the byte that picks a
transfer encoding and a charset (see fuzz_mime.cpp).
"""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
CAPTURES = HERE.parent / "tests" / "wire" / "corpus"

CRLF = b"\r\n"


def lit(data: bytes, binary: bool = False) -> bytes:
    return (b"~" if binary else b"") + b"{%d}" % len(data) + CRLF + data


STREAMS = {
    "greeting": b"* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE] Dovecot ready." + CRLF,
    "preauth_bye": b"* PREAUTH IMAP4rev1 server logged in as Smith" + CRLF
    + b"* BYE Autologout; idle for too long" + CRLF,
    "capability": b"* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED" + CRLF
    + b"a1 OK [CAPABILITY IMAP4rev2 CONDSTORE QRESYNC] done" + CRLF,
    "list_literals": b'* LIST (\\HasNoChildren) "/" ' + lit(b'Foo "Bar"\\x') + CRLF
    + b'* LIST (\\Noselect \\HasChildren) NIL "&Jjo-" ("CHILDINFO" ("SUBSCRIBED"))' + CRLF
    + b'* LSUB () "." #news.comp.mail.misc' + CRLF
    + b"a2 OK LIST completed" + CRLF,
    "fetch_envelope": b'* 12 FETCH (FLAGS (\\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" '
    b"RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" "
    b"\"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
    b"((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" "
    b"\"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) ((NIL NIL \"minutes\" "
    b"\"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
    b"\"<B27397-0100000@cac.washington.edu>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") "
    b"NIL NIL \"7BIT\" 3028 92))" + CRLF,
    "fetch_bodystructure": b'* 3 FETCH (UID 9 BODYSTRUCTURE (("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL '
    b'"QUOTED-PRINTABLE" 512 10 NIL NIL NIL NIL)(("TEXT" "HTML" ("CHARSET" "UTF-8") NIL NIL "BASE64" '
    b'2048 30 NIL ("INLINE" NIL) NIL NIL) "ALTERNATIVE" ("BOUNDARY" "b2") NIL NIL NIL)'
    b'("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 900 (NIL "fwd" NIL NIL NIL NIL NIL NIL NIL NIL) '
    b'("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10 1) 20 NIL NIL NIL NIL)'
    b'("APPLICATION" "PDF" ("NAME" "a.pdf") NIL NIL "BASE64" -1 NIL ("ATTACHMENT" ("FILENAME" "a.pdf")) '
    b'("EN" "DE") "http://x" 99 (1 "a")) "MIXED" ("BOUNDARY" "b1") NIL NIL NIL))' + CRLF,
    "fetch_body_literal": b"* 1 FETCH (UID 7 BODY[HEADER.FIELDS (FROM SUBJECT)]<0> "
    + lit(b"From: a@b\r\nSubject: {5}\r\n\r\n") + b" BODY[] " + lit(b"x\x00y)\r\n(") + b" BINARY[1] "
    + lit(b"\x00\x01\x02", True) + b" MODSEQ (624140003) X-GM-LABELS (\\Inbox \"a b\"))" + CRLF,
    "esearch": b'* ESEARCH (TAG "a3") UID MIN 1 MAX 9 COUNT 4 ALL 1:3,9 MODSEQ 917162500' + CRLF
    + b"* SEARCH 2 84 882 (MODSEQ 917162500)" + CRLF + b"* SORT 5 3 4 1 2" + CRLF,
    "vanished": b"* VANISHED (EARLIER) 41,43:116,118,120:211,214:540" + CRLF
    + b"* VANISHED 405,407,410,425" + CRLF + b"* 5 EXPUNGE" + CRLF + b"* 17 EXISTS" + CRLF,
    "select": b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)" + CRLF
    + b"* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited" + CRLF
    + b"* OK [UIDVALIDITY 3857529045] UIDs valid" + CRLF + b"* OK [UIDNEXT 4392] Predicted" + CRLF
    + b"* OK [HIGHESTMODSEQ 715194045007]" + CRLF
    + b"a4 OK [READ-WRITE] SELECT completed" + CRLF,
    "status_namespace_id": b"* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 SIZE 4711)" + CRLF
    + b'* NAMESPACE (("" "/")) (("~" "/")) (("#shared/" "/" "X-PARAM" ("FLAG1")))' + CRLF
    + b'* ID ("name" "Cyrus" "version" NIL)' + CRLF + b"* ENABLED CONDSTORE" + CRLF,
    "codes": b"a5 OK [APPENDUID 38505 3955] APPEND completed" + CRLF
    + b"a6 OK [COPYUID 38505 304,319:320 3956:3958] Done" + CRLF
    + b"a7 NO [TRYCREATE] No such mailbox" + CRLF + b"a8 BAD [BADCHARSET (UTF-8)] no" + CRLF
    + b"* NO [ALERT] System shutdown in 10 minutes" + CRLF + b"a9 OK [CLOSED] x" + CRLF,
    "continuation": b"+ idling" + CRLF + b"+ YGgGCSqGSIb3EgECAgIAb1kwV6ADAgEFoQMCAQ8=" + CRLF + b"+" + CRLF,
    "broken": b"* 1 FETCH (UID 7 FLAGS (\\Seen)" + CRLF + b"* LIST (\\Noselect \"/\" foo" + CRLF
    + b"a1 MAYBE odd" + CRLF + b")))(((" + CRLF + b"* 4294967296 EXISTS" + CRLF
    + b"*  OK double space" + CRLF + b"\x00\x00* OK after NULs\n",
    "broken_literals": b"* 1 FETCH (BODY[] {99999999999999999999999}" + CRLF
    + b"* 2 FETCH (BODY[] {5+}" + CRLF + b"abcde)" + CRLF + b"* 3 FETCH (BODY[] {3}" + CRLF + b"ab",
    "deep": b"* 1 FETCH (BODYSTRUCTURE " + b"(" * 80 + b'"TEXT" "PLAIN" NIL NIL NIL "7BIT" 1 1'
    + b")" * 80 + b")" + CRLF,
    "quirks": b'* 1 FETCH (UID 19436 )' + CRLF
    + b'* 2 FETCH (ENVELOPE (NIL "Re: "quoted" subject" NIL NIL NIL NIL NIL NIL NIL NIL))' + CRLF
    + b'* 3 FETCH (BODYSTRUCTURE ("ALTERNATIVE"))' + CRLF + b"* 4 FETCH ()" + CRLF
    + b"* ok [alert] lowercase" + CRLF,
}

MUTF7 = {
    "inbox": b"INBOX",
    "umbrella": b"&Jjo-!",
    "japanese": b"~peter/mail/&U,BTFw-/&ZeVnLIqe-",
    "ampersand": b"&-",
    "entwuerfe": b"Entw&APw-rfe",
    "adjacent": b"&AGE-&AGE-",
    "unterminated": b"&Jjo",
    "surrogates": b"&2D3eAA-",
    "printable": b"&AEE-",
    "utf8": "Entwürfe/☺/日本語".encode("utf-8"),
    "bad_utf8": b"\xc3\x28\xed\xa0\x80",
}


# fuzz_mime: (transfer encoding index, charset index, bytes); the indexes are
# those of k_encodings and k_charsets in fuzz_mime.cpp.
SEVEN_BIT, QP, BASE64 = 0, 1, 2
MIME = {
    "qp_utf8": (QP, 1, b"Gr=C3=BC=C3=9Fe, caf=c3=a9 =E2=82=\r\n=AC 5 =\r\nsoft  \r\nend="),
    "qp_latin1": (QP, 2, b"tr=E8s caf=E9 =ZZ 50% =\r\n"),
    "base64_utf8": (BASE64, 1, b"R3LDvMOfZSDwn5iA\r\n5pel5pys6Kqe\r\n"),
    "base64_sjis": (BASE64, 5, b"k/qWe4zq\r\n"),
    "base64_utf16": (BASE64, 11, b"//5HAHIA/ABfAD3YAN4=\r\n"),
    "raw_iso2022jp": (SEVEN_BIT, 6, b"\x1b$B$3$s$K$A$O\x1b(B Hello \x1b(I1\x1b(B"),
    "raw_eucjp": (SEVEN_BIT, 7, b"\xc6\xfc\xcb\xdc \x8f\xb0\xa1"),
    "raw_gb2312": (SEVEN_BIT, 8, b"\xd6\xd0\xce\xc4 \x81\x40"),
    "raw_utf7": (SEVEN_BIT, 14, b"Hi Mom -+Jjo--! +ZeVnLIqe-"),
    "raw_cp1255": (SEVEN_BIT, 16, b"\xf9\xec\xe5\xed \xe0\xc8"),
    "raw_unlabelled": (SEVEN_BIT, 0, b"caf\xc3\xa9 na\xefve \x80 \xef\xbb\xbf"),
    "header_words": (SEVEN_BIT, 1, b"=?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\r\n"
                     b"    =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?= (=?iso-8859-8?b?"
                     b"7eXs+SDv4SDp7Oj08A==?=) =?utf-8?q?caf=C3?= =?UTF-8*fr?Q?=A9?="),
    "header_broken": (SEVEN_BIT, 0, b"\"=?utf-8?q?J=C3=B6rg?=\" Re:=?utf-8?B?Y2Fmw6?= "
                      b"=?utf-8?B?k=?= =?x-nope?q?a=ZZ?= =?utf-8?q?unterminated Caf\xe9"),
    "header_block": (SEVEN_BIT, 0, b"From m@x Mon Apr 21 13:41:01 2014\r\nFrom: A <a@b>\r\n"
                     b"Subject: =?utf-8?q?caf=C3=A9?=\r\n \t folded\r\nBad Name: x\r\n"
                     b"Content-Type: text/plain;\r\n charset=utf-8\r\n\r\nbody"),
    "parameters": (SEVEN_BIT, 0, b"title*0*=us-ascii'en'This%20is%20even%20more%20;"
                   b"title*1*=%2A%2A%2Afun%2A%2A%2A%20;title*2=isn't it!;"
                   b"filename*=utf-8''%E2%82%AC%20rates.pdf;name==?utf-8?B?w6l0w6kucGRm?="),
}


# Client commands for fuzz_command, in the forms the encoder writes them and
# a few it does not (lower case, INBOX in any case, literals where quoted
# strings would do). The first byte of each seed picks the encoder options.
COMMANDS = {
    "login": b'a1 LOGIN alice "hunter 2"\r\n',
    "login_literal": b"a1 LOGIN {5}\r\nalice {4}\r\np\"w\\\r\n",
    "authenticate_ir": b"a2 AUTHENTICATE PLAIN AGFsaWNlAHB3\r\n",
    "select_qresync": b"a3 SELECT inbox (CONDSTORE QRESYNC (67890007 20050715194045000 "
    b"41,43:211,214:541 (1,3:4 41,43:44)))\r\n",
    "examine_utf7": b"a4 EXAMINE Entw&APw-rfe\r\n",
    "list_extended": b'a5 LIST (SUBSCRIBED RECURSIVEMATCH) "" (INBOX "Sent*" %) '
    b"RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UIDNEXT MAILBOXID))\r\n",
    "lsub": b'a6 LSUB "#news." comp.mail.%\r\n',
    "status": b"a7 STATUS Archive (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN DELETED SIZE "
    b"HIGHESTMODSEQ MAILBOXID)\r\n",
    "fetch_sections": b"a8 UID FETCH 1:3,5,7:* (FLAGS BODY.PEEK[HEADER.FIELDS (From Subject)] "
    b"BODY[1.2.TEXT]<0.100> BINARY.PEEK[1] BINARY.SIZE[2] MODSEQ) (CHANGEDSINCE 99 VANISHED)\r\n",
    "fetch_macro": b"a9 FETCH 1:* FULL\r\n",
    "search": b'b1 UID SEARCH RETURN (MIN MAX COUNT ALL SAVE) CHARSET UTF-8 UNSEEN SUBJECT {4}\r\n'
    b'\xc3\xbc\xc3\x9f NOT OR DELETED (KEYWORD $Junk SMALLER 512) SENTBEFORE 27-Nov-2026 '
    b"UID 100:* 1,2,5:9 MODSEQ 720162338\r\n",
    "id": b'b2 ID ("name" "uvimap" "version" "0.1" "os" NIL)\r\n',
    "enable": b"b3 ENABLE UTF8=ACCEPT QRESYNC\r\n",
    "bare": b"b4 NOOP\r\n",
}
COMMAND_OPTIONS = {"": 0x00, "_literal_plus_utf8": 0x06, "_literal_minus_binary_ir": 0x19,
                   "_short_quoted": 0x20}


def write(target: str, name: str, data: bytes) -> None:
    directory = CORPUS / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(data)


def main() -> None:
    streams = dict(STREAMS)
    for path in sorted(CAPTURES.glob("*.imap")):
        streams["capture_" + path.stem] = path.read_bytes()
    for name, stream in streams.items():
        # Defaults, chunks of 256 and 7 bytes.
        write("fuzz_parser", name, bytes([0x00, 0x02]) + stream + bytes([255, 6]))
        # Tiny limits and a sink, chunks of 1, 3 and 17 bytes.
        write("fuzz_parser", name + "_tiny_sink", bytes([0x03, 0x03]) + stream + bytes([0, 2, 16]))
        # A sink, a reset() after a dirty first half, moves; chunks of 31 and 5.
        write("fuzz_parser", name + "_reset_move", bytes([0x0E, 0x02]) + stream + bytes([30, 4]))
        write("fuzz_framer", name, bytes([0x00, 0x01]) + stream + bytes([63]))
        write("fuzz_framer", name + "_sink", bytes([0x01, 0x02]) + stream + bytes([4, 0]))
    for name, data in MUTF7.items():
        write("fuzz_mutf7", name, data)
    for name, (encoding, charset, data) in MIME.items():
        write("fuzz_mime", name, bytes([encoding | charset << 2]) + data)
    for name, command in COMMANDS.items():
        for suffix, options in COMMAND_OPTIONS.items():
            write("fuzz_command", name + suffix, bytes([options]) + command)


if __name__ == "__main__":
    main()
