"""A real SMTP server for the notification tests (tests/notify): aiosmtpd on a free
loopback port, saving every message it accepts in a directory.

Prints the port on its first line of output, then serves until its standard input closes
(the test process ended) or it is killed. For message N it writes N.json, atomically:
the envelope (mail_from, rcpt_tos), the raw message, and the message as Python's own
email parser reads it (headers, the text/plain and text/html bodies), so the tests check
what the shop sent with a parser other than the ones the project uses.

usage: python smtpd.py <directory>
"""

import asyncio
import itertools
import json
import os
import sys
from email import policy
from email.parser import BytesParser

from aiosmtpd.smtp import SMTP


class Saver:
    def __init__(self, directory):
        self.directory = directory
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.numbers)
        raw = envelope.original_content or envelope.content
        message = BytesParser(policy=policy.default).parsebytes(raw)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        record = {
            "number": number,
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "date": str(message["Date"]),
            "content_type": message.get_content_type(),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
            "raw": raw.decode("utf-8", "replace"),
        }
        path = os.path.join(self.directory, f"{number}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as out:
            json.dump(record, out)
        os.replace(path + ".tmp", path)
        return "250 Message accepted for delivery"


async def main(directory):
    os.makedirs(directory, exist_ok=True)
    loop = asyncio.get_running_loop()
    handler = Saver(directory)
    server = await loop.create_server(
        lambda: SMTP(handler, enable_SMTPUTF8=True, hostname="smtpd.test"), "127.0.0.1", 0
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    # Until the test process closes our standard input (it ended, however it ended).
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
