"""A real SMTP server on loopback for the mail tests (aiosmtpd).

Each accepted message is saved as DIR/NNNN.eml (the bytes as received, after dot-unstuffing) with its envelope
recipient in DIR/NNNN.rcpt. Prints "ready PORT" once it listens.

  python3 smtp_server.py DIR [--refuse ADDRESS] [--defer-once ADDRESS] [--stop-after N] [--user NAME --password SECRET]
      [--tls-cert CERT --tls-key KEY [--implicit-tls]] [--slow-reply SECONDS]

--refuse answers 550 to RCPT TO for that address; --defer-once answers 451 the first time only; --stop-after makes the process exit at once (no reply, sockets
dropped) when the (N+1)th message's DATA arrives, like a server that dies mid-batch; --user/--password require
AUTH PLAIN or LOGIN with those credentials (allowed without TLS, on loopback only); --tls-cert/--tls-key
offer STARTTLS (and require it), or with --implicit-tls speak TLS from the first byte; --slow-reply saves each
message, then waits that long before saying so (a server that keeps the sender waiting after the data).
Each message's arrival time (seconds since the epoch) is saved in DIR/NNNN.time.
"""
import argparse
import asyncio
import os
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Saving:
    def __init__(self, directory, refuse, defer_once, stop_after, slow_reply=0):
        self.slow_reply = slow_reply
        self.directory = directory
        self.refuse = {address.lower() for address in refuse}
        self.defer_once = {address.lower() for address in defer_once}
        self.stop_after = stop_after
        self.count = len([name for name in os.listdir(directory) if name.endswith(".eml")])
        self.seen = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such user here"
        if address.lower() in self.defer_once:
            self.defer_once.discard(address.lower())
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.stop_after is not None and self.seen >= self.stop_after:
            os._exit(3)
        self.seen += 1
        self.count += 1
        stem = os.path.join(self.directory, "%04d" % self.count)
        with open(stem + ".tmp", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        with open(stem + ".rcpt", "w") as out:
            out.write("\n".join(envelope.rcpt_tos))
        with open(stem + ".time", "w") as out:
            out.write(repr(time.time()))
        os.rename(stem + ".tmp", stem + ".eml")
        if self.slow_reply:
            await asyncio.sleep(self.slow_reply)
        return "250 2.0.0 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--refuse", action="append", default=[])
    parser.add_argument("--defer-once", action="append", default=[])
    parser.add_argument("--stop-after", type=int)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--slow-reply", type=float, default=0)
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--port", type=int, default=0)
    options = parser.parse_args()
    os.makedirs(options.directory, exist_ok=True)

    def authenticate(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == options.user \
                and auth_data.password.decode() == options.password:
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    extra = {}
    if options.user:
        extra = dict(authenticator=authenticate, auth_required=True, auth_require_tls=False)
    if options.tls_cert:
        import ssl
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(options.tls_cert, options.tls_key)
        if options.implicit_tls:
            extra["ssl_context"] = context
        else:
            extra.update(tls_context=context, require_starttls=True)
    handler = Saving(options.directory, options.refuse, options.defer_once, options.stop_after, options.slow_reply)
    controller = Controller(handler, hostname="127.0.0.1", port=options.port or find_port(), **extra)
    controller.start()
    print("ready %d" % controller.port, flush=True)
    try:
        sys.stdin.read()  # runs until the test closes our stdin or kills us
    finally:
        controller.stop()


def find_port():
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    main()
