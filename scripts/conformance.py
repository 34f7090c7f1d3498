"""Conformance of Earshot's feed parser against other parsers' test corpora.

Two kinds of corpus:

* feedparser's test cases (a folder holding cases.jsonl): each case has an `Expect:` line, a Python
  expression over feedparser's result. The expression is read with `ast` and evaluated by a small
  interpreter of our own (never `eval`), over a feedparser-like view of Earshot's JSON output. Only
  cases whose expression reads nothing but fields Earshot extracts are counted (titles, links, ids,
  dates, authors, body text, the encoding, the format and whether the feed was ill-formed).
* folders of feeds with expected results: `raw/` beside `expected/NAME.json` in the normalised format
  (feedparser's output, see that folder's SOURCE.md), or gofeed's layout (`NAME.xml` beside
  `NAME.json`, `NAME.json` beside `NAME_expected.json`). Each field stated is compared and the
  agreement reported per field.

The rules that put Earshot's plain text beside feedparser's HTML, and its normalised links beside
raw ones, are written out in docs/parsing.md.
"""
import argparse
import ast
import calendar
import codecs
import datetime
import email.utils
import fnmatch
import html
import html.parser
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from urllib.parse import urljoin, urlsplit, urlunsplit, parse_qsl, unquote

FEEDPARSER_SERVER = "http://127.0.0.1:8097/tests/"
FOLDER_BASE = "http://conformance.invalid/"

# ---------------------------------------------------------------------------------------------
# Plain text, links and dates as Earshot writes them


HIDDEN = {"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object",
          "embed", "canvas", "select", "option", "datalist", "audio", "video", "map", "frame", "frameset",
          "applet", "blink"}
VOID = {"br", "img", "hr", "input", "meta", "link", "area", "base", "col", "embed", "param", "source",
        "track", "wbr"}
BLOCK = {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
         "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
         "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
         "table", "tbody", "tfoot", "thead", "tr", "ul", "br", "td", "th"}


class _TextOfHTML(html.parser.HTMLParser):
    """The text a reader sees in an HTML fragment: hidden elements dropped, blocks as spaces."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN and tag not in VOID:
            self.hidden_depth += 1
        elif tag in BLOCK or tag == "img":
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN and tag not in VOID:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in BLOCK:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def collapse(text):
    """Whitespace runs (line breaks, no-break spaces) to one space, ends trimmed."""
    return " ".join(text.replace("\u200b", " ").replace("\ufeff", " ").split())


def text_of_html(markup):
    """Plain text of HTML: markup dropped, entities decoded, whitespace collapsed."""
    if markup is None:
        return ""
    if "<" not in markup and "&" not in markup:
        return collapse(markup)
    parser = _TextOfHTML()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser gives up on some hostile input; fall back to the raw text
        return collapse(markup)
    return collapse("".join(parser.parts))


TRACKING = {"fbclid", "gclid", "mc_cid", "mc_eid", "ref_src"}


def normalize_link(link, base=None):
    """A link as Earshot's LinkNormalizer writes it: resolved, scheme and host lowercased, empty
    path '/', no fragment, no tracking parameters, percent-escapes decoded (so that an IRI and its
    URI compare equal). None for what Earshot refuses (other schemes, no host)."""
    if link is None:
        return None
    link = link.strip()
    if not link:
        return None
    if base:
        link = urljoin(base, link)
    try:
        parts = urlsplit(link)
    except ValueError:
        return link
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https", "file"):
        return None
    netloc = parts.netloc.lower()
    if scheme != "file" and not netloc:
        return None
    path = parts.path or ("/" if scheme != "file" else "")
    query = "&".join(pair for pair in parts.query.split("&")
                     if pair and not _is_tracking(pair.split("=", 1)[0]))
    return unquote(urlunsplit((scheme, netloc, path, query, "")))


def _is_tracking(name):
    name = unquote(name).lower()
    return name.startswith("utm_") or name in TRACKING


def instant(text):
    """The UTC instant a date string names, read by Python's own parsers (the reference for
    expected values), or None."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return None
    try:
        value = email.utils.parsedate_to_datetime(text)
        if value is not None:
            if value.tzinfo is None:
                value = value.replace(tzinfo=datetime.timezone.utc)
            return value.astimezone(datetime.timezone.utc).replace(microsecond=0)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(datetime.timezone.utc).replace(microsecond=0)
    except ValueError:
        return None


def earshot_instant(text):
    """Earshot's ISO 8601 UTC output as an instant."""
    return instant(text) if text else None


# ---------------------------------------------------------------------------------------------
# Running Earshot


def run_earshot(earshot, jobs):
    """Parses every (path, content type, base URL) in one `earshot parse --batch` run; returns one
    result object per job (an object with `error` when the document could not be read as a feed)."""
    lines = "".join(f"{path}\t{content_type or ''}\t{base or ''}\n" for path, content_type, base in jobs)
    process = subprocess.run([earshot, "parse", "--batch", "--details", "-"], input=lines.encode(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    outputs = [json.loads(line) for line in process.stdout.decode().splitlines() if line.strip()]
    if process.returncode != 0 or len(outputs) != len(jobs):
        sys.exit(f"earshot parse --batch failed (exit {process.returncode}, {len(outputs)} of {len(jobs)} results):\n"
                 + process.stderr.decode()[-2000:])
    return outputs


# ---------------------------------------------------------------------------------------------
# feedparser's Expect lines


class Text(str):
    """Earshot's plain text, compared with feedparser's value (HTML, or plain text for text
    constructs): equal when the text a reader sees is the same."""

    def matches(self, expected):
        if not isinstance(expected, str):
            return False
        mine = collapse(self)
        return mine == collapse(expected) or mine == text_of_html(expected)


class Link(str):
    """Earshot's normalised link, compared with feedparser's after the same normalisation."""
    base = None

    def matches(self, expected):
        return isinstance(expected, str) and normalize_link(self) == normalize_link(expected, self.base)


class Author(str):
    """Earshot's author name, compared with feedparser's author string, which may add the
    address: 'Name (address)' or 'address (Name)'."""

    def matches(self, expected):
        if not isinstance(expected, str):
            return False
        expected = collapse(expected)
        candidates = {expected, text_of_html(expected)}
        match = re.fullmatch(r"(.*?)\s*\((.*)\)", expected)
        if match:
            candidates |= {match.group(1).strip(), match.group(2).strip()}
        return collapse(self) in candidates


class DateText(str):
    """Earshot's date (ISO 8601, UTC), compared with feedparser's date string as the instant it names."""

    def matches(self, expected):
        return isinstance(expected, str) and instant(expected) is not None and instant(expected) == instant(self)


class Encoding(str):
    """An encoding name, compared by the codec it names."""

    def matches(self, expected):
        if not isinstance(expected, str):
            return False
        try:
            return codecs.lookup(self).name == codecs.lookup(expected).name
        except LookupError:
            return self.lower() == expected.lower()


VERSIONS = {
    "rss09x": {"rss090", "rss091n", "rss091u", "rss092", "rss093", "rss094", "rss"},
    "rss10": {"rss10"}, "rss20": {"rss20"}, "atom03": {"atom03"}, "atom10": {"atom10"},
    "jsonFeed": {"json1", "json11", "json10"},
}


class Version(str):
    """Earshot's format, which does not tell RSS 0.90 to 0.94 apart, compared with feedparser's version."""

    def matches(self, expected):
        return isinstance(expected, str) and expected in VERSIONS.get(self, {str(self)})


def struct_time(iso):
    if not iso:
        return None
    return time.gmtime(calendar.timegm(earshot_instant(iso).timetuple()))


def feedparser_view(result, base):
    """feedparser's result dictionary, as far as Earshot's output fills it."""
    if "error" in result:
        return {"bozo": True, "encoding": None, "version": "", "feed": {}, "entries": []}
    Link.base = base
    feed = {"title": Text(result.get("title") or "")}
    feed["title_detail"] = {"value": feed["title"]}
    if result.get("link"):
        feed["link"] = Link(result["link"])
    entries = []
    for item in result["items"]:
        details = item.get("details") or {}
        entry = {}
        if item["title"]:
            entry["title"] = Text(item["title"])
            entry["title_detail"] = {"value": entry["title"]}
        if item["link"]:
            entry["link"] = Link(item["link"])
        if details.get("id"):
            entry["id"] = entry["guid"] = details["id"]
        if item.get("author"):
            entry["author"] = Author(item["author"])
            entry["author_detail"] = {"name": entry["author"]}
        if details.get("published"):
            entry["published"] = entry["issued"] = DateText(details["published"])
            entry["published_parsed"] = entry["issued_parsed"] = struct_time(details["published"])
        updated = details.get("updated") or details.get("published")
        if updated:
            entry["updated"] = entry["modified"] = entry["date"] = DateText(updated)
            entry["updated_parsed"] = entry["modified_parsed"] = entry["date_parsed"] = struct_time(updated)
        summary = details.get("summary") or details.get("content") or ""
        if summary:
            entry["summary"] = entry["description"] = Text(summary)
            entry["summary_detail"] = entry["description_detail"] = {"value": entry["summary"]}
        if details.get("content"):
            entry["content"] = [{"value": Text(details["content"])}]
        entries.append(entry)
    return {
        "bozo": bool(result["ill_formed"]),
        "encoding": Encoding(result["encoding"] or ""),
        "version": Version(result["format"] or ""),
        "feed": feed,
        "entries": EntryList(entries),
    }


class EntryList(list):
    """Entries; an entry Earshot dropped because it had nothing to read (no title, text or link)
    reads as an entry whose fields are all empty."""

    def __getitem__(self, index):
        if isinstance(index, int) and index >= len(self):
            return EMPTY_ENTRY
        return super().__getitem__(index)


class EmptyEntry(dict):
    def __missing__(self, key):
        if key in ("content",):
            return [{"value": Text("")}]
        if key.endswith("_detail"):
            return {"value": Text(""), "name": Author("")}
        return Text("")


EMPTY_ENTRY = EmptyEntry()

# Field paths (names read below feed or an entry) that Earshot extracts; anything else puts a
# case out of scope.
FEED_FIELDS = {("title",), ("title_detail", "value"), ("link",)}
ENTRY_FIELDS = {
    ("title",), ("title_detail", "value"), ("link",), ("id",), ("guid",), ("author",), ("author_detail", "name"),
    ("published",), ("published_parsed",), ("issued",), ("issued_parsed",), ("updated",), ("updated_parsed",),
    ("modified",), ("modified_parsed",), ("date",), ("date_parsed",), ("description",), ("summary",),
    ("summary_detail", "value"), ("description_detail", "value"), ("content", "value"), ("content",),
}
TOP_NAMES = {"bozo", "encoding", "version", "feed", "entries"}
FUNCTIONS = {"ord": ord, "len": len}


class OutOfScope(Exception):
    pass


def field_paths(tree):
    """The names an expression reads, as (root, key, key...) paths; raises OutOfScope for
    anything the interpreter does not support."""
    paths = []

    def chain(node):
        keys = []
        while True:
            if isinstance(node, ast.Subscript):
                index = node.slice
                if isinstance(index, ast.Constant) and isinstance(index.value, str):
                    keys.append(index.value)
                elif not (isinstance(index, ast.Constant) and isinstance(index.value, int)):
                    raise OutOfScope("computed subscript")
                node = node.value
            elif isinstance(node, ast.Attribute):
                keys.append(node.attr)
                node = node.value
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
                if not node.args or not isinstance(node.args[0], ast.Constant):
                    raise OutOfScope("computed get")
                keys.append(node.args[0].value)
                node = node.func.value
            else:
                break
        if isinstance(node, ast.Name):
            return (node.id, *reversed(keys))
        raise OutOfScope("expression root")

    def visit(node):
        if isinstance(node, (ast.Subscript, ast.Attribute)) or (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"):
            paths.append(chain(node))
            for child in ast.walk(node):
                if isinstance(child, ast.Call) and child is not node:
                    for argument in child.args:
                        visit(argument)
            return
        if isinstance(node, ast.Name):
            paths.append((node.id,))
            return
        if isinstance(node, ast.Call):
            if not (isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS) or node.keywords:
                raise OutOfScope("call")
            for argument in node.args:
                visit(argument)
            return
        if not isinstance(node, (ast.Expression, ast.BoolOp, ast.UnaryOp, ast.Compare, ast.Constant, ast.Tuple,
                                 ast.List, ast.Dict, ast.boolop, ast.unaryop, ast.cmpop, ast.expr_context)):
            raise OutOfScope(type(node).__name__)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return paths


def in_scope(expression):
    """Whether every field the expression reads is one Earshot extracts (and it reads one)."""
    try:
        tree = ast.parse(expression.strip(), mode="eval")
        paths = field_paths(tree)
    except (SyntaxError, OutOfScope):
        return False
    if not paths:
        return False
    for path in paths:
        root = path[0]
        if root in FUNCTIONS:
            continue
        if root not in TOP_NAMES:
            return False
        if root == "feed" and path[1:] not in FEED_FIELDS:
            return False
        if root == "entries" and path[1:] and path[1:] not in ENTRY_FIELDS:
            return False
        if root in ("bozo", "encoding", "version") and len(path) > 1:
            return False
    return True


class Interpreter:
    """Evaluates the subset of Python that Expect lines use, over a result view."""

    def __init__(self, names):
        self.names = names

    def run(self, expression):
        return self.value(ast.parse(expression.strip(), mode="eval").body)

    def value(self, node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in FUNCTIONS:
                return FUNCTIONS[node.id]
            return self.names[node.id]
        if isinstance(node, ast.Tuple):
            return tuple(self.value(element) for element in node.elts)
        if isinstance(node, ast.List):
            return [self.value(element) for element in node.elts]
        if isinstance(node, ast.Dict):
            return {self.value(k): self.value(v) for k, v in zip(node.keys, node.values)}
        if isinstance(node, ast.UnaryOp):
            operand = self.value(node.operand)
            if isinstance(node.op, ast.Not):
                return not operand
            if isinstance(node.op, ast.USub):
                return -operand
            raise OutOfScope("unary operator")
        if isinstance(node, ast.BoolOp):
            if isinstance(node.op, ast.And):
                result = True
                for element in node.values:
                    result = self.value(element)
                    if not result:
                        return result
                return result
            result = False
            for element in node.values:
                result = self.value(element)
                if result:
                    return result
            return result
        if isinstance(node, ast.Compare):
            left = self.value(node.left)
            for operator, comparator in zip(node.ops, node.comparators):
                right = self.value(comparator)
                if not compare(operator, left, right):
                    return False
                left = right
            return True
        if isinstance(node, ast.Subscript):
            container = self.value(node.value)
            return container[self.value(node.slice)]
        if isinstance(node, ast.Attribute):
            container = self.value(node.value)
            if isinstance(container, dict):
                return container[node.attr]
            raise OutOfScope("attribute")
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr == "get":
                container = self.value(node.func.value)
                arguments = [self.value(argument) for argument in node.args]
                return container.get(*arguments)
            function = self.value(node.func)
            return function(*[self.value(argument) for argument in node.args])
        raise OutOfScope(type(node).__name__)


def equal(left, right):
    for mine, theirs in ((left, right), (right, left)):
        if hasattr(mine, "matches") and not hasattr(theirs, "matches"):
            return mine.matches(theirs)
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(equal(left[k], right[k]) for k in left)
    return left == right


def compare(operator, left, right):
    if isinstance(operator, ast.Eq):
        return equal(left, right)
    if isinstance(operator, ast.NotEq):
        return not equal(left, right)
    if isinstance(operator, ast.In):
        return left in right
    if isinstance(operator, ast.NotIn):
        return left not in right
    if isinstance(operator, ast.Is):
        return left is right
    if isinstance(operator, ast.IsNot):
        return left is not right
    if isinstance(operator, ast.Lt):
        return left < right
    if isinstance(operator, ast.LtE):
        return left <= right
    if isinstance(operator, ast.Gt):
        return left > right
    if isinstance(operator, ast.GtE):
        return left >= right
    raise OutOfScope("comparison")


def feedparser_cases(folder, earshot):
    cases = [json.loads(line) for line in open(os.path.join(folder, "cases.jsonl"), encoding="utf-8")]
    scoped = [case for case in cases if in_scope(case["expect"])]
    jobs = []
    for case in scoped:
        headers = {name.lower(): value for name, value in (case.get("headers") or {}).items()}
        document_url = FEEDPARSER_SERVER + case["file"]
        base = document_url
        if headers.get("content-location"):
            location = urljoin(document_url, headers["content-location"])
            if urlsplit(location).scheme in ("http", "https"):
                base = location
        jobs.append((os.path.join(folder, case["file"]), headers.get("content-type"), base))
    outputs = run_earshot(earshot, jobs)
    results = []
    for case, job, output in zip(scoped, jobs, outputs):
        view = feedparser_view(output, job[2])
        try:
            passed = bool(Interpreter(view).run(case["expect"]))
            problem = None
        except OutOfScope as error:
            passed, problem = False, f"unsupported: {error}"
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
            passed, problem = False, f"{type(error).__name__}: {error}"
        results.append({"file": case["file"], "expect": case["expect"], "passed": passed, "problem": problem,
                        "got": summary_of(output)})
    return cases, results


def summary_of(output):
    """What Earshot produced, shortly, for the failure list."""
    if "error" in output:
        return "error: " + output["error"]
    parts = [f"ill_formed={output['ill_formed']}", f"encoding={output['encoding']}", f"format={output['format']}"]
    if output.get("title"):
        parts.append(f"title={output['title']!r}")
    if output.get("link"):
        parts.append(f"link={output['link']}")
    for item in output["items"][:2]:
        details = item.get("details") or {}
        fields = {"title": item["title"], "link": item["link"], "id": details.get("id"), "author": item["author"],
                  "published": details.get("published"), "updated": details.get("updated"),
                  "summary": details.get("summary"), "content": details.get("content")}
        parts.append("item{" + ", ".join(f"{k}={v!r}" for k, v in fields.items() if v) + "}")
    if not output["items"]:
        parts.append("no items")
    return "; ".join(parts)


# ---------------------------------------------------------------------------------------------
# Folders of feeds with expected results


def pairs_in(folder):
    """(input, expected JSON) pairs of a folder: raw/ beside expected/, or gofeed's layout."""
    raw, expected = os.path.join(folder, "raw"), os.path.join(folder, "expected")
    if os.path.isdir(raw) and os.path.isdir(expected):
        for name in sorted(os.listdir(expected)):
            if name.endswith(".json"):
                document = json.load(open(os.path.join(expected, name), encoding="utf-8"))
                source = os.path.join(raw, document.get("file") or name[:-5])
                if os.path.exists(source):
                    yield source, os.path.join(expected, name)
        return
    for directory, _, files in sorted(os.walk(folder)):
        names = set(files)
        for name in sorted(files):
            stem, extension = os.path.splitext(name)
            if extension == ".xml" and stem + ".json" in names:
                yield os.path.join(directory, name), os.path.join(directory, stem + ".json")
            elif extension == ".json" and stem + "_expected.json" in names:
                yield os.path.join(directory, name), os.path.join(directory, stem + "_expected.json")


def within_tenth(mine, expected):
    return abs(mine - expected) <= 0.1 * expected


def normalized_fields(expected, output, base):
    """(field, agrees, expected value, Earshot's value) for a normalised expected file."""
    fields = []
    feed = expected.get("feed") or {}
    failed = "error" in output
    title = "" if failed else collapse(output.get("title") or "")
    fields.append(("feed.title", title == (feed.get("title") or ""), feed.get("title"), title))
    link = None if failed else output.get("link")
    fields.append(("feed.link", normalize_link(link) == normalize_link(feed.get("link"), base), feed.get("link"), link))
    items = [] if failed else output["items"]
    for entry, item in align(expected.get("entries") or [], items):
        details = (item or {}).get("details") or {}
        mine_title = collapse(item["title"]) if item else ""
        fields.append(("entry.title", mine_title == (entry.get("title") or ""), entry.get("title"), mine_title))
        mine_link = item["link"] if item else None
        fields.append(("entry.link", normalize_link(mine_link) == normalize_link(entry.get("link"), base),
                       entry.get("link"), mine_link))
        fields.append(("entry.id", details.get("id") == entry.get("id"), entry.get("id"), details.get("id")))
        # feedparser's `updated` falls back to `published` (feedparser 6 keeps that old behaviour).
        for name, mine in (("published", details.get("published")),
                           ("updated", details.get("updated") or details.get("published"))):
            fields.append((f"entry.{name}", instant(mine) == instant(entry.get(name)), entry.get(name), mine))
        summary = len(collapse(details.get("summary") or details.get("content") or ""))
        content = len(collapse(details.get("content") or ""))
        fields.append(("entry.summary_length", within_tenth(summary, entry.get("summary_text_length") or 0),
                       entry.get("summary_text_length"), summary))
        fields.append(("entry.content_length", within_tenth(content, entry.get("content_text_length") or 0),
                       entry.get("content_text_length"), content))
    return fields


def align(entries, items):
    """Pairs each expected entry with Earshot's item: by position when the counts agree, else by
    id, link or title (Earshot drops duplicate and empty items)."""
    if len(entries) == len(items):
        return list(zip(entries, items))
    pairs, unused = [], list(items)
    for entry in entries:
        match = None
        for item in unused:
            details = item.get("details") or {}
            if (entry.get("id") and details.get("id") == entry.get("id")) or (
                    entry.get("link") and normalize_link(item["link"]) == normalize_link(entry.get("link"))) or (
                    entry.get("title") and collapse(item["title"]) == entry.get("title")):
                match = item
                break
        if match is not None:
            unused.remove(match)
        pairs.append((entry, match))
    return pairs


def gofeed_texts(value):
    """The readings of gofeed's content, description or summary as plain text. gofeed keeps text
    as written, so a bare string may be HTML or plain text: both readings are returned."""
    if isinstance(value, dict):
        kind = (value.get("type") or "text").lower()
        text = value.get("value") or ""
        return {text_of_html(text)} if "html" in kind else {collapse(text)}
    if isinstance(value, str):
        return {text_of_html(value), collapse(value)}
    return set()


def gofeed_link(container):
    if isinstance(container.get("link"), str) and container["link"]:
        return container["link"]
    for link in container.get("links") or []:
        if isinstance(link, dict) and (link.get("rel") or "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def gofeed_author(item):
    author = item.get("author")
    if isinstance(author, dict):
        return author.get("name")
    if isinstance(author, str):
        return author
    for person in item.get("authors") or []:
        if isinstance(person, dict) and person.get("name"):
            return person["name"]
    return None


def gofeed_fields(expected, output, base):
    """(field, agrees, expected, Earshot's) for the fields a gofeed expectation states (it omits
    empty ones), limited to what Earshot extracts."""
    fields = []
    failed = "error" in output
    if expected.get("title"):
        title = "" if failed else collapse(output.get("title") or "")
        fields.append(("feed.title", title in gofeed_texts(expected["title"]), expected["title"], title))
    link = gofeed_link(expected) if "feedType" in expected or "link" in expected else None
    if link:
        mine = None if failed else output.get("link")
        fields.append(("feed.link", normalize_link(mine) == normalize_link(link, base), link, mine))
    entries = expected.get("items") or expected.get("entries") or []
    items = [] if failed else output["items"]
    for entry, item in zip(entries, items + [None] * len(entries)):
        details = (item or {}).get("details") or {}
        if entry.get("title"):
            mine = collapse(item["title"]) if item else ""
            fields.append(("entry.title", mine in gofeed_texts(entry["title"]), entry["title"], mine))
        link = gofeed_link(entry)
        if link:
            mine = item["link"] if item else None
            fields.append(("entry.link", normalize_link(mine) == normalize_link(link, base), link, mine))
        guid = entry.get("guid") if "guid" in entry else entry.get("id")
        if isinstance(guid, dict):
            guid = guid.get("value")
        if guid:
            fields.append(("entry.id", details.get("id") == guid.strip(), guid, details.get("id")))
        # gofeed's `published` falls back to the update date (Atom) or dc:date (RSS), as Earshot's
        # item date does; its `updated` is the update date alone.
        for name, mine in (("published", (item or {}).get("published")), ("updated", details.get("updated"))):
            value = entry.get(name + "Parsed") or entry.get(name)
            if value:
                fields.append((f"entry.{name}", instant(mine) is not None and instant(mine) == instant(value),
                               value, mine))
        author = gofeed_author(entry)
        if author:
            mine = (item or {}).get("author")
            fields.append(("entry.author", mine is not None and Author(mine).matches(author), author, mine))
        for name, mine_text in (("content", details.get("content")),
                                ("description", details.get("summary") or details.get("content")),
                                ("summary", details.get("summary") or details.get("content"))):
            value = entry.get(name) if name != "content" or not isinstance(entry.get("content"), list) else None
            readings = {len(text) for text in gofeed_texts(value)}
            if value and any(readings):
                mine_length = len(collapse(mine_text or ""))
                fields.append((f"entry.{'content' if name == 'content' else 'summary'}_length",
                               any(within_tenth(mine_length, length) for length in readings),
                               sorted(readings), mine_length))
    return fields


def folder_agreement(folder, earshot):
    pairs = list(pairs_in(folder))
    jobs = [(source, None, FOLDER_BASE + os.path.relpath(source, folder)) for source, _ in pairs]
    outputs = run_earshot(earshot, jobs)
    documents = []
    for (source, expected_file), job, output in zip(pairs, jobs, outputs):
        expected = json.load(open(expected_file, encoding="utf-8"))
        if not isinstance(expected, dict):
            continue
        if isinstance(expected.get("entries"), list) and "parser" in expected:
            fields = normalized_fields(expected, output, job[2])
        else:
            fields = gofeed_fields(expected, output, job[2])
        if fields:
            documents.append({"file": os.path.relpath(source, folder), "fields": fields, "got": summary_of(output)})
    return documents


# ---------------------------------------------------------------------------------------------
# Known failures and the report


def load_reasons(path):
    """(pattern, reason) lines: a file name or glob relative to its corpus, a tab, the reason."""
    reasons = []
    if not os.path.exists(path):
        return reasons
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#") or "\t" not in line:
            continue
        pattern, reason = line.split("\t", 1)
        reasons.append((pattern.strip(), reason.strip()))
    return reasons


def reason_for(reasons, key):
    for pattern, reason in reasons:
        if fnmatch.fnmatchcase(key, pattern):
            return reason
    return None


def percent(numerator, denominator):
    return 100.0 * numerator / denominator if denominator else 100.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", help="folders laid out like normalized/ or gofeed/")
    parser.add_argument("--earshot", required=True)
    parser.add_argument("--corpora", required=True)
    parser.add_argument("--reasons", required=True)
    parser.add_argument("--write-report", help="write every failure, with its reason, as Markdown")
    parser.add_argument("--verbose", action="store_true", help="print every failure")
    arguments = parser.parse_args()

    reasons = load_reasons(arguments.reasons)
    report = []
    summary = {}
    unexplained = 0

    folders = arguments.folders
    feedparser_folder = os.path.join(arguments.corpora, "feeds", "feedparser")
    if not folders:
        folders = [os.path.join(arguments.corpora, "feeds", "normalized"), os.path.join(arguments.corpora, "feeds", "gofeed")]
        cases, results = feedparser_cases(feedparser_folder, arguments.earshot)
        passed = sum(result["passed"] for result in results)
        failed = len(results) - passed
        print(f"feedparser cases: {len(cases)} in all, {len(results)} about fields Earshot extracts")
        groups = {}
        for result in results:
            group = groups.setdefault(result["file"].split("/")[0], [0, 0])
            group[0 if result["passed"] else 1] += 1
        for group, (good, bad) in sorted(groups.items()):
            print(f"  {group:<12} {good:5} passed {bad:4} failed")
        print(f"{passed} passed, {failed} failed ({percent(passed, len(results)):.1f}%)")
        failures = [result for result in results if not result["passed"]]
        report.append(("feedparser cases", failures))
        for result in failures:
            result["reason"] = reason_for(reasons, "feedparser/" + result["file"])
            if result["reason"] is None:
                unexplained += 1
            if arguments.verbose or result["reason"] is None:
                print(f"  FAIL {result['file']}: {result['expect']}\n       got {result['got']}"
                      + (f"\n       {result['problem']}" if result["problem"] else ""))
        summary.update({"cases_passed": passed, "cases_failed": failed, "cases_in_scope": len(results),
                        "cases_total": len(cases), "cases_pass_rate": round(passed / max(1, len(results)), 4)})
    else:
        summary.update({"cases_passed": 0, "cases_failed": 0})

    agreements = {}
    for folder in folders:
        name = os.path.basename(os.path.normpath(folder))
        documents = folder_agreement(folder, arguments.earshot)
        totals = {}
        for document in documents:
            for field, agrees, _, _ in document["fields"]:
                total = totals.setdefault(field, [0, 0])
                total[0] += bool(agrees)
                total[1] += 1
        agreed = sum(value[0] for value in totals.values())
        compared = sum(value[1] for value in totals.values())
        agreements[name] = round(agreed / max(1, compared), 4)
        good_documents = sum(all(field[1] for field in document["fields"]) for document in documents)
        print(f"\n{name}: {len(documents)} documents, {good_documents} agree on every field; "
              f"fields: {agreed} of {compared} agree ({percent(agreed, compared):.1f}%)")
        for field, (good, total) in sorted(totals.items()):
            print(f"  {field:<22} {good:5} / {total:<5} {percent(good, total):6.1f}%")
        if arguments.folders:
            summary["cases_passed"] += good_documents
            summary["cases_failed"] += len(documents) - good_documents
        disagreements = []
        for document in documents:
            for field, agrees, expected, mine in document["fields"]:
                if agrees:
                    continue
                key = f"{name}/{document['file']}"
                reason = reason_for(reasons, f"{key}#{field}") or reason_for(reasons, key)
                if reason is None:
                    unexplained += 1
                disagreements.append({"file": document["file"], "field": field, "expected": expected, "got": mine,
                                      "reason": reason})
                if arguments.verbose or reason is None:
                    print(f"  DIFF {document['file']} {field}: expected {expected!r}, got {mine!r}")
        report.append((name, disagreements))

    if arguments.write_report:
        write_report(arguments.write_report, report)
    summary["field_agreement"] = min(agreements.values()) if agreements else None
    summary["field_agreement_by_folder"] = agreements
    summary["unexplained_failures"] = unexplained
    if unexplained:
        print(f"\n{unexplained} failures have no recorded reason (add them to {arguments.reasons})")
    print(json.dumps(summary, sort_keys=False))


def write_report(path, report):
    lines = ["# Conformance failures", "",
             "Written by `scripts/conformance --write-report`; every remaining failure with its reason.",
             "Reasons are recorded in `scripts/conformance_reasons.tsv`.", ""]
    for name, failures in report:
        lines.append(f"## {name} ({len(failures)})")
        lines.append("")
        by_reason = {}
        for failure in failures:
            by_reason.setdefault(failure.get("reason") or "(no reason recorded)", []).append(failure)
        for reason, group in sorted(by_reason.items(), key=lambda pair: -len(pair[1])):
            lines.append(f"### {reason} ({len(group)})")
            lines.append("")
            for failure in group:
                if "expect" in failure:
                    lines.append(f"- `{failure['file']}`: `{failure['expect']}`")
                else:
                    lines.append(f"- `{failure['file']}` {failure['field']}: expected `{failure['expected']!r}`, "
                                 f"Earshot `{failure['got']!r}`")
            lines.append("")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


if __name__ == "__main__":
    main()
