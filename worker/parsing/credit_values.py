"""The credits of one byline as a value: who is credited, in which role."""

from __future__ import annotations

from dataclasses import dataclass

# Authors that are no person: `本报评论员` over a commentary, `——编  者` under an editor's note.
COLLECTIVE_AUTHORS = frozenset(
    ("本报评论员", "评论员", "本报特约评论员", "特约评论员", "编者", "本报编辑部", "本刊编辑部")
)
# Bodies that write as one (`中共将乐县委通讯组`, `福建日报记者` beside it): text authors too.
# `青河日报评论员` over a commentary writes its text too; so does a desk's compiled report
# (`本报综合报道`, Taiwan's `本報綜合報導`).
_BODIES = ("组", "记者", "评论员", "报道", "报导", "報導", "報道")


@dataclass(frozen=True, slots=True)
class Credits:
    """People credited for an item, by role, in printed order, each name once per role.

    `unstated` holds names printed with no role word (`（黄瑚 丁志峰）`, `盛亭 明红` on the
    last line): they count as reporters unless the item credits them in a role elsewhere.
    `others` holds credits that name no person of the item: agencies (`新华社发`), collective
    authors (`本报评论员`), a sign-off (`编者`), a pupil's teacher (`指导老师 苏应妫`).
    """

    reporters: tuple[str, ...] = ()
    correspondents: tuple[str, ...] = ()
    photographers: tuple[str, ...] = ()
    interns: tuple[str, ...] = ()
    unknown_roles: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    unstated: tuple[str, ...] = ()

    def merged(self, other: Credits) -> Credits:
        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            if not b:
                return a
            return a + tuple(x for x in dict.fromkeys(b) if x not in a)

        return Credits(
            union(self.reporters, other.reporters),
            union(self.correspondents, other.correspondents),
            union(self.photographers, other.photographers),
            union(self.interns, other.interns),
            union(self.unknown_roles, other.unknown_roles),
            union(self.editors, other.editors),
            union(self.others, other.others),
            union(self.unstated, other.unstated),
        )

    def resolved(self) -> Credits:
        """Names of unstated role become reporters, unless credited in a role already."""
        if not self.unstated:
            return self
        named = set(self.reporters + self.correspondents + self.photographers + self.interns)
        extra = tuple(n for n in self.unstated if n not in named)
        return Credits(
            self.reporters + extra,
            self.correspondents,
            self.photographers,
            self.interns,
            self.unknown_roles,
            self.editors,
            self.others,
        )

    def __bool__(self) -> bool:
        people = self.reporters or self.correspondents or self.photographers or self.interns
        return bool(people or self.unstated or self.others or self.editors)

    @property
    def writers(self) -> bool:
        """True when someone is credited for text, not only for pictures (a collective author
        such as `本报评论员` or the sign-off `编者` wrote text; `新华社发` sent a picture)."""
        return bool(
            self.reporters
            or self.correspondents
            or self.interns
            or self.unstated
            or any(other in COLLECTIVE_AUTHORS or other.endswith(_BODIES) for other in self.others)
        )


NOBODY = Credits()  # frozen: one empty value serves every item and page with no byline yet
