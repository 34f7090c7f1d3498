#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 for Earshot's tests, built on aiosmtpd.

It listens on a port the system chooses and prints "READY <port>" on standard output once it
accepts connections. Each message it accepts is written into FOLDER as NNNN.json before the
server answers 250, so a client that saw its send succeed can read the file at once. The JSON
holds the envelope, the raw bytes as received (base64, after the server removed dot-stuffing),
and what Python's email package decoded from them: the From and To display names and addresses,
the Subject, each MIME part's type, transfer encoding and decoded text, and every defect the
parser noticed.

Options:
  --username U --password P   require AUTH (LOGIN or PLAIN) with these credentials before MAIL;
                              offered without TLS, since the server only listens on loopback
  --reject-domain D           answer 550 to any recipient at domain D
  --time-limit SECONDS        stop after this long even if nobody stops it (default 900: a safety
                              net for a server whose test process vanished; a slow test on a
                              loaded machine must not outlive its server)

The server also stops when its standard input reaches end of file, so it never outlives the
test process that started it.
"""

import argparse
import asyncio
import base64
import email
import email.policy
import json
import logging
import os
import sys
import warnings

try:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
except ImportError:
    print("aiosmtpd is not installed: run scripts/install-test-helpers", file=sys.stderr)
    sys.exit(3)


def describe_address_header(header):
    """The addresses of a From or To header as display name and address pairs."""
    if header is None:
        return []
    return [{"name": address.display_name, "address": address.addr_spec} for address in header.addresses]


def describe(raw):
    """What Python's email package makes of the raw message."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [type(defect).__name__ for defect in message.defects]
    headers = {}
    for name in ("Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"):
        value = message[name]
        if value is not None:
            headers[name] = str(value)
            defects += [type(defect).__name__ for defect in getattr(value, "defects", ())]
    parts = []
    for part in message.walk():
        defects += [type(defect).__name__ for defect in part.defects]
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding", ""),
            "text": part.get_content(),
        })
    return {
        "from": describe_address_header(message["From"]),
        "to": describe_address_header(message["To"]),
        "headers": headers,
        "content_type": message.get_content_type(),
        "parts": parts,
        "defects": defects,
    }


class Recorder:
    """aiosmtpd handler: refuses recipients at the rejected domain, files every accepted message."""

    def __init__(self, folder, reject_domain):
        self.folder = folder
        self.reject_domain = reject_domain.lower() if reject_domain else None
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject_domain and address.lower().endswith("@" + self.reject_domain):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        raw = envelope.content if isinstance(envelope.content, bytes) else envelope.content.encode()
        record = {
            "mail_from": envelope.mail_from,
            "recipients": list(envelope.rcpt_tos),
            "authenticated": bool(session.authenticated),
            "raw": base64.b64encode(raw).decode("ascii"),
        }
        try:
            record["decoded"] = describe(raw)
        except Exception as error:  # the raw bytes are kept either way
            record["decoded_error"] = f"{type(error).__name__}: {error}"
        path = os.path.join(self.folder, f"{self.count:04d}.json")
        partial = path + ".partial"
        with open(partial, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False, indent=1)
        os.replace(partial, path)
        return "250 Message accepted for delivery"


def make_authenticator(username, password):
    expected = LoginPassword(username.encode(), password.encode())

    def authenticate(server, session, envelope, mechanism, auth_data):
        accepted = isinstance(auth_data, LoginPassword) and auth_data == expected
        return AuthResult(success=accepted, handled=False, auth_data=auth_data.login if accepted else None)

    return authenticate


async def serve(arguments):
    loop = asyncio.get_running_loop()
    recorder = Recorder(arguments.folder, arguments.reject_domain)

    def make_protocol():
        options = {"hostname": "earshot-test-smtp", "timeout": 300}
        if arguments.username is not None:
            options.update(
                authenticator=make_authenticator(arguments.username, arguments.password or ""),
                auth_required=True,
                auth_require_tls=False,
            )
        return SMTP(recorder, **options)

    server = await loop.create_server(make_protocol, host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    finished = loop.create_future()

    def finish():
        if not finished.done():
            finished.set_result(None)

    def read_standard_input():
        if not os.read(sys.stdin.fileno(), 4096):
            finish()

    loop.add_reader(sys.stdin.fileno(), read_standard_input)
    loop.call_later(arguments.time_limit, finish)
    print(f"READY {port}", flush=True)
    await finished
    loop.remove_reader(sys.stdin.fileno())
    server.close()


def main():
    parser = argparse.ArgumentParser(description="SMTP server on loopback for tests")
    parser.add_argument("folder", help="folder that receives one JSON file per message")
    parser.add_argument("--username")
    parser.add_argument("--password")
    parser.add_argument("--reject-domain")
    parser.add_argument("--time-limit", type=float, default=900.0)
    arguments = parser.parse_args()
    os.makedirs(arguments.folder, exist_ok=True)
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    asyncio.run(serve(arguments))


if __name__ == "__main__":
    main()
