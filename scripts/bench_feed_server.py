"""A loopback feed server for benchmarks: many host addresses, a fixed delay per answer, ETag/304.

Usage: bench_feed_server.py PORT HOSTS FEEDS_PER_HOST DELAY_MS READY_FILE [REQUEST_LOG]
Serves http://127.0.0.N:PORT/feeds/K.xml for N in 1..HOSTS and K in 0..FEEDS_PER_HOST-1, plus robots.txt.
Items of even-numbered feeds were published an hour before the server started, those of odd ones
thirty days before: a first read takes the odd feeds' items as history.
With REQUEST_LOG, appends one line per feed request (304s included): "HOST PATH".
With BENCH_SCHOOLS=N in the environment, feed K of host H belongs to school (K*HOSTS + H-1) mod N,
and the posts name school S by bench_trust.py's school_name: the first its own school, the second its own and
the next one, the rest none. Without it, the first post names "Millbrook Academy".
"""
import asyncio
import os
import sys
import time
from email.utils import formatdate

from bench_trust import school_name

PORT, HOSTS, FEEDS_PER_HOST, DELAY_MS = (int(value) for value in sys.argv[1:5])
READY_FILE = sys.argv[5]
REQUEST_LOG = open(sys.argv[6], "a", buffering=1) if len(sys.argv) > 6 else None
ETAG = '"bench-v1"'
SCHOOLS = int(os.environ.get("BENCH_SCHOOLS", "0"))
STARTED = time.time()


def subjects(host, number):
    """What each of a feed's ten posts is about."""
    if not SCHOOLS:
        return ["Millbrook Academy"] + ["the town council"] * 9
    school = (number * HOSTS + host - 1) % SCHOOLS
    own, next_one = school_name(school), school_name((school + 1) % SCHOOLS)
    return [own, f"{own} and {next_one}"] + ["the town council"] * 8


def feed(host, number):
    items = []
    age = 3600 if number % 2 == 0 else 30 * 86400
    for index, subject in enumerate(subjects(host, number)):
        published = formatdate(STARTED - age + index * 60, usegmt=True)
        items.append(
            f"<item><guid>h{host}-f{number}-i{index}</guid><title>Update {index} from {subject}</title>"
            f"<link>https://news{host}.example/{number}/{index}</link>"
            f"<pubDate>{published}</pubDate>"
            f"<description>Parents said {subject} did a brilliant job with the fair this week, "
            f"although the car park was chaotic again.</description></item>"
        )
    return ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bench feed</title>"
            "<link>https://news.example/</link>" + "".join(items) + "</channel></rss>").encode()


async def answer(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            path = lines[0].split(" ")[1]
            headers = {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip() for line in lines[1:] if ":" in line}
            await asyncio.sleep(DELAY_MS / 1000)
            host = int(writer.get_extra_info("sockname")[0].rsplit(".", 1)[1])
            if REQUEST_LOG and path != "/robots.txt":
                REQUEST_LOG.write(f"127.0.0.{host} {path}\n")
            if path == "/robots.txt":
                status, body, extra = "200 OK", b"User-agent: *\nAllow: /\n", "Content-Type: text/plain\r\n"
            elif headers.get("if-none-match") == ETAG:
                status, body, extra = "304 Not Modified", b"", f"ETag: {ETAG}\r\n"
            else:
                number = int(path.rsplit("/", 1)[1].split(".")[0])
                status, body = "200 OK", feed(host, number)
                extra = f"Content-Type: application/rss+xml\r\nETag: {ETAG}\r\n"
            writer.write(f"HTTP/1.1 {status}\r\n{extra}Content-Length: {len(body)}\r\n\r\n".encode() + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionResetError, BrokenPipeError):
        pass
    finally:
        writer.close()


async def main():
    servers = [await asyncio.start_server(answer, f"127.0.0.{host}", PORT) for host in range(1, HOSTS + 1)]
    open(READY_FILE, "w").write("ready\n")
    # Ends by itself after ten minutes at most, so a forgotten server never lingers.
    await asyncio.sleep(600)
    for server in servers:
        server.close()


asyncio.run(main())
