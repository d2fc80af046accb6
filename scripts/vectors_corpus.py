#!/usr/bin/env python3
"""vectors_corpus.py OUT [EXTRA.txt...] - the raw text corpus for assay's
word vectors: prose paragraphs (<p>, <li>, <dd>; code in <pre>/<code>
dropped) from the Debian documentation packages python3-doc,
python-django-doc, cppreference-doc-en-html and stl-manual, one paragraph a
line, in sorted file order (deterministic), followed by EXTRA files (bank
texts and training answers, one a line). `assay vectors tokens` then runs
assay's own analyser over it. Nothing is downloaded.
"""
import html.parser, os, sys

ROOTS = ["/usr/share/doc/python3-doc/html", "/usr/share/doc/python-django-doc/html",
         "/usr/share/cppreference/doc/html/en", "/usr/share/doc/stl-manual/html"]
MAX_BYTES = 40 << 20  # per package: enough text, bounded fit time


class Prose(html.parser.HTMLParser):
    KEEP = {"p", "li", "dd"}
    DROP = {"pre", "code", "script", "style", "tt", "kbd", "samp"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.drop = 0
        self.buf = []
        self.out = []

    def handle_starttag(self, tag, attrs):
        if tag in self.DROP:
            self.drop += 1
        elif tag in self.KEEP:
            if self.depth == 0:
                self.buf = []
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.DROP and self.drop:
            self.drop -= 1
        elif tag in self.KEEP and self.depth:
            self.depth -= 1
            if self.depth == 0:
                text = " ".join("".join(self.buf).split())
                if len(text.split()) >= 5:
                    self.out.append(text)

    def handle_data(self, data):
        if self.depth and not self.drop:
            self.buf.append(data)


def main():
    out = open(sys.argv[1], "w", encoding="utf-8")
    for root in ROOTS:
        root = os.path.realpath(root)
        files = []
        for d, _, fs in os.walk(root):
            files += [os.path.join(d, f) for f in fs if f.endswith((".html", ".htm"))]
        if not files:
            # a corpus without one of the packages gives other vectors
            sys.exit("vectors_corpus.py: no HTML under %s (is its Debian "
                     "documentation package installed? scripts/fit-vectors.sh "
                     "installs them)" % root)
        n = 0
        for path in sorted(files):
            if n > MAX_BYTES:
                break
            p = Prose()
            try:
                p.feed(open(path, encoding="utf-8", errors="replace").read())
            except Exception:
                continue
            for t in p.out:
                out.write(t + "\n")
                n += len(t) + 1
    for extra in sys.argv[2:]:
        for line in open(extra, encoding="utf-8"):
            out.write(line)
    out.close()


if __name__ == "__main__":
    main()
