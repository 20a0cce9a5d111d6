"""One page of a list: what every feature's paginated lists return and the `pagination`
macro (templates/_macros/layout.html) reads."""

from dataclasses import dataclass, field


@dataclass
class Page:
    """One page of a list, with the attributes the `pagination` macro reads."""

    page: int
    pages: int
    items: list = field(default_factory=list)
    total: int = 0

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1

    def iter_pages(self, left_edge=1, left_current=2, right_current=2, right_edge=1):
        """Page numbers to link, with None where a gap is shown (as Flask-SQLAlchemy does)."""
        last = 0
        for number in range(1, self.pages + 1):
            if (
                number <= left_edge
                or self.page - left_current <= number <= self.page + right_current
                or number > self.pages - right_edge
            ):
                if last + 1 != number:
                    yield None
                yield number
                last = number
