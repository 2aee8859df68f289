"""Checks .eml files with Python's own e-mail parser, independently of our encoder.

  python3 check_message.py FILE.eml...

Prints one JSON object per file: defects, the MIME tree, decoded headers, and facts about the raw bytes (bare LFs,
the longest body line, the longest header line), plus the HTML part's SHA-256 so a test can compare it with the report.
"""
import email
import email.header
import email.parser
import email.policy
import hashlib
import json
import sys


def tree(part):
    if part.is_multipart():
        return {part.get_content_type(): [tree(child) for child in part.iter_parts()]}
    return part.get_content_type()


def all_defects(message):
    found = [type(defect).__name__ for defect in message.defects]
    for part in message.walk():
        found += [type(defect).__name__ for defect in part.defects]
        for name, value in part.items():
            found += [type(defect).__name__ for defect in getattr(value, "defects", ())]
    return sorted(set(found))


def check(path):
    raw = open(path, "rb").read()
    message = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
    head, _, body = raw.partition(b"\r\n\r\n")
    html = message.get_body(("html",))
    plain = message.get_body(("plain",))
    attachments = [
        {"type": part.get_content_type(), "filename": part.get_filename(),
         "sha256": hashlib.sha256(part.get_payload(decode=True)).hexdigest()}
        for part in message.iter_attachments()
    ]
    legacy = email.message_from_bytes(raw)  # headers as written, decoded by RFC 2047 alone
    return {
        "path": path,
        "to_decoded": str(email.header.make_header(email.header.decode_header(legacy["To"]))) if legacy["To"] else None,
        "defects": all_defects(message),
        "tree": tree(message),
        "from": str(message["From"]), "to": str(message["To"]), "reply_to": str(message["Reply-To"]),
        "to_address": message["To"].addresses[0].addr_spec if message["To"] else None,
        "to_name": message["To"].addresses[0].display_name if message["To"] else None,
        "subject": str(message["Subject"]), "date": str(message["Date"]), "message_id": str(message["Message-ID"]),
        "mime_version": str(message["MIME-Version"]),
        "bare_lf": raw.replace(b"\r\n", b"").count(b"\n"),
        "bare_cr": raw.replace(b"\r\n", b"").count(b"\r"),
        "longest_header_line": max(len(line) for line in head.split(b"\r\n")),
        "longest_body_line": max(len(line) for line in body.split(b"\r\n")),
        "html_sha256": hashlib.sha256(html.get_payload(decode=True)).hexdigest() if html else None,
        "plain_text": plain.get_content().replace("\r\n", "\n") if plain else None,
        "attachments": attachments,
    }


print(json.dumps([check(path) for path in sys.argv[1:]]))
