"""Writes a deterministic corpus of RSS and Atom feeds for scripts/bench-parse.

Usage: bench_parse_corpus.py FOLDER [FEEDS] [SEED] [BODIES]

The mix follows what news sites, blogs and forums serve: RSS 2.0 with a short escaped-HTML
description beside the full post in content:encoded (CDATA), RSS 2.0 with the post escaped in the
description alone, Atom 1.0 with escaped-HTML content and a summary, and Atom with XHTML content.
Posts are paragraphs of words with links, emphasis, lists, images, entities and the occasional
script or table. Everything comes from one seeded random generator, so the same arguments always
write the same bytes. Prints one JSON line: files, bytes, items.

With BODIES, each feed's item bodies that are HTML (the ones a reader turns into text with an
HTML parser: content:encoded, an escaped description standing alone, Atom html content) are also
written there as one HTML file per feed, so that libxml2's HTML parser can be timed on them alone.
"""
import json
import os
import random
import re
import sys
from xml.sax.saxutils import escape

WORDS = (
    "school pupils parents teachers head governors term trip uniform lunch sports day results exam "
    "report ofsted council road crossing bus route library music concert play assembly charity fair "
    "week month year class group club team match science maths reading writing history art garden "
    "new old local town village community weekend holiday rain sun traffic safety plan meeting "
    "the a of and to in for on with at from by about after before during over under this that our "
    "their all some many more most every each great good happy proud thanks well done congratulations "
    "concern complaint question answer update news story photo video week's today tomorrow yesterday"
).split()
NAMES = ["Jo Bloggs", "Sam Smith", "Priya Patel", "Tom Evans", "Aisha Khan", "Chris Jones", "Mrs Head", "Mr Numbers"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


class Writer:
    def __init__(self, seed):
        self.random = random.Random(seed)

    def words(self, low, high):
        count = self.random.randint(low, high)
        return " ".join(self.random.choice(WORDS) for _ in range(count))

    def sentence(self):
        text = self.words(6, 18)
        return text[0].upper() + text[1:] + self.random.choice([".", ".", ".", "!", "?"])

    def inline(self):
        """A sentence with the inline markup and entities that posts carry."""
        parts = self.sentence().split(" ")
        roll = self.random.random()
        if roll < 0.25 and len(parts) > 4:
            start = self.random.randint(0, len(parts) - 3)
            parts[start] = f'<a href="https://news.example.org/{self.random.randint(1, 99999)}?utm_source=feed">{parts[start]}'
            parts[start + 2] += "</a>"
        elif roll < 0.4 and len(parts) > 2:
            index = self.random.randint(0, len(parts) - 2)
            parts[index] = f"<strong>{parts[index]}</strong>"
        elif roll < 0.5:
            parts.insert(self.random.randint(0, len(parts)), self.random.choice(
                ["&amp;", "&nbsp;", "&#8217;", "&mdash;", "&pound;5", "&eacute;t&eacute;", "&#x2019;s"]))
        return " ".join(parts)

    def post_html(self):
        """A post body: paragraphs, sometimes a list, an image, a table or a script."""
        blocks = []
        for _ in range(self.random.randint(3, 9)):
            roll = self.random.random()
            if roll < 0.7:
                blocks.append("<p>" + " ".join(self.inline() for _ in range(self.random.randint(1, 4))) + "</p>")
            elif roll < 0.82:
                items = "".join(f"<li>{self.inline()}</li>" for _ in range(self.random.randint(2, 5)))
                blocks.append(f"<ul>{items}</ul>")
            elif roll < 0.9:
                blocks.append(f'<figure><img src="/images/{self.random.randint(1, 9999)}.jpg" alt="{self.words(2, 5)}">'
                              f"<figcaption>{self.sentence()}</figcaption></figure>")
            elif roll < 0.95:
                rows = "".join(f"<tr><td>{self.words(1, 3)}</td><td>{self.random.randint(1, 99)}</td></tr>"
                               for _ in range(self.random.randint(2, 5)))
                blocks.append(f"<table>{rows}</table>")
            else:
                blocks.append("<script>window.dataLayer = window.dataLayer || []; dataLayer.push({'event': 'view'});</script>")
        return "\n".join(blocks)

    def rfc822(self):
        r = self.random
        return (f"{r.choice(DAYS)}, {r.randint(1, 28):02d} {r.choice(MONTHS)} {r.randint(2019, 2026)} "
                f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d} {r.choice(['+0000', 'GMT', '+0100', 'BST', '-0500'])}")

    def iso(self):
        r = self.random
        return (f"{r.randint(2019, 2026)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T"
                f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}{r.choice(['Z', '+01:00', '-05:00'])}")


def rss_feed(writer, index, with_content, bodies):
    r = writer.random
    site = f"https://site{index}.example.org"
    items = []
    for number in range(r.randint(12, 38)):
        post = writer.post_html()
        excerpt = " ".join(writer.sentence() for _ in range(2))
        description = escape(f"<p>{excerpt}</p>") if with_content else escape(post)
        bodies.append(post)
        item = [
            f"<title>{escape(writer.words(4, 10).capitalize())}</title>",
            f"<link>{site}/posts/{number}?utm_medium=rss</link>",
            f'<guid isPermaLink="false">{site}/?p={index * 1000 + number}</guid>',
            f"<pubDate>{writer.rfc822()}</pubDate>",
            f"<dc:creator><![CDATA[{r.choice(NAMES)}]]></dc:creator>",
            f"<category><![CDATA[{r.choice(WORDS)}]]></category>",
            f"<description>{description}</description>",
        ]
        if with_content:
            item.append(f"<content:encoded><![CDATA[{post}]]></content:encoded>")
        items.append("<item>\n" + "\n".join(item) + "\n</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>Site {index} news</title>\n<link>{site}/</link>\n"
        f'<atom:link href="{site}/feed/" rel="self" type="application/rss+xml"/>\n'
        f"<description>{writer.sentence()}</description>\n<lastBuildDate>{writer.rfc822()}</lastBuildDate>\n"
        + "\n".join(items) + "\n</channel>\n</rss>\n"
    ), len(items)


def atom_feed(writer, index, xhtml, bodies):
    r = writer.random
    site = f"https://blog{index}.example.net"
    entries = []
    for number in range(r.randint(12, 38)):
        post = writer.post_html()
        if xhtml:
            xml_post = post.replace("&nbsp;", "&#160;").replace("&mdash;", "&#8212;").replace("&pound;", "&#163;") \
                .replace("&eacute;", "&#233;")
            xml_post = re.sub(r"<img ([^>]*[^/])>", r"<img \1/>", xml_post)
            xml_post = xml_post.replace("<script>", "<script><![CDATA[").replace("</script>", "]]></script>")
            content = f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{xml_post}</div></content>'
        else:
            content = f'<content type="html">{escape(post)}</content>'
            bodies.append(post)
        entry = [
            f"<id>tag:blog{index}.example.net,2024:{number}</id>",
            f'<title type="html">{escape(writer.words(4, 10).capitalize())}</title>',
            f'<link rel="alternate" type="text/html" href="{site}/{number}.html"/>',
            f"<published>{writer.iso()}</published>",
            f"<updated>{writer.iso()}</updated>",
            f"<author><name>{r.choice(NAMES)}</name></author>",
            f"<summary>{escape(writer.sentence())}</summary>",
            content,
        ]
        entries.append("<entry>\n" + "\n".join(entry) + "\n</entry>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"<title>Blog {index}</title>\n<id>{site}/</id>\n<updated>{writer.iso()}</updated>\n"
        f'<link rel="alternate" href="{site}/"/>\n<link rel="self" href="{site}/atom.xml"/>\n'
        + "\n".join(entries) + "\n</feed>\n"
    ), len(entries)


def main():
    folder = sys.argv[1]
    feeds = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    bodies_folder = sys.argv[4] if len(sys.argv) > 4 else None
    os.makedirs(folder, exist_ok=True)
    if bodies_folder:
        os.makedirs(bodies_folder, exist_ok=True)
    writer = Writer(seed)
    total_bytes = total_items = 0
    for index in range(feeds):
        bodies = []
        kind = index % 20
        if kind < 9:
            text, items = rss_feed(writer, index, with_content=True, bodies=bodies)
            name = f"{index:05d}-rss-content.xml"
        elif kind < 12:
            text, items = rss_feed(writer, index, with_content=False, bodies=bodies)
            name = f"{index:05d}-rss.xml"
        elif kind < 18:
            text, items = atom_feed(writer, index, xhtml=False, bodies=bodies)
            name = f"{index:05d}-atom.xml"
        else:
            text, items = atom_feed(writer, index, xhtml=True, bodies=bodies)
            name = f"{index:05d}-atom-xhtml.xml"
        data = text.encode("utf-8")
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data)
        total_bytes += len(data)
        total_items += items
        if bodies_folder:
            html = "<html><body>\n" + "\n".join(f"<div>{body}</div>" for body in bodies) + "\n</body></html>\n"
            with open(os.path.join(bodies_folder, name[:-4] + ".html"), "w", encoding="utf-8") as handle:
                handle.write(html)
    print(json.dumps({"files": feeds, "bytes": total_bytes, "items": total_items}))


if __name__ == "__main__":
    main()
