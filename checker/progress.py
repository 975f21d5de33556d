"""A progress bar on stderr for long runs, only when stderr is a terminal (never in logs or pipes):
the articles as they are checked, then the checks that compare them, one by one."""
from __future__ import annotations

MINIMUM = 20      # fewer articles finish before a bar would help
WIDTH = 30
ARTICLES, COMPARING = "articles", "comparing"


class Progress:
    def __init__(self, stream, minimum: int = MINIMUM) -> None:
        self.stream = stream
        self.minimum = minimum
        isatty = getattr(stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self.shown = -1
        self.long = False     # the run has enough articles to show progress (the comparing phase too)

    def __call__(self, done: int, total: int, phase: str = ARTICLES, what: str = "") -> None:
        if phase == ARTICLES:
            self.long = total >= self.minimum
        if not self.enabled or not self.long:
            return
        if phase == ARTICLES:
            percent = done * 100 // total
            if percent == self.shown and done < total:
                return
            self.shown = percent
            filled = done * WIDTH // total
            line = f"[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} articles"
        else:
            line = f"comparing the articles: {what} ({done + 1}/{total})" if done < total else ""
        self.stream.write("\r" + " " * (WIDTH + 40) + "\r" + line)
        if phase != ARTICLES and done >= total:
            self.stream.write("\r" + " " * (WIDTH + 40) + "\r")
        self.stream.flush()
