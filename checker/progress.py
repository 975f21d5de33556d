"""A progress bar on stderr for long runs, only when stderr is a terminal (never in logs or pipes)."""
from __future__ import annotations

MINIMUM = 20      # fewer articles finish before a bar would help
WIDTH = 30


class Progress:
    def __init__(self, stream, minimum: int = MINIMUM) -> None:
        self.stream = stream
        self.minimum = minimum
        isatty = getattr(stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < self.minimum:
            return
        percent = done * 100 // total
        if percent == self.shown and done < total:
            return
        self.shown = percent
        filled = done * WIDTH // total
        self.stream.write(f"\r[{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} articles")
        if done >= total:
            self.stream.write("\r" + " " * (WIDTH + 30) + "\r")
        self.stream.flush()
