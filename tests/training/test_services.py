"""The rules of proposals, supports, following, comments, answers, merging, notes, the
review queue and themes, through the services (on SQLite and on PostgreSQL)."""

import pytest
from sqlalchemy import select

from mediator_portal.audit import AuditEntry
from mediator_portal.extensions import db
from mediator_portal.notifications.models import Notification
from mediator_portal.training import services
from mediator_portal.training.models import Support
from tests.factories import make_municipality, make_region, make_user
from tests.training.factories import make_proposal, make_theme, make_trainer_answer

pytestmark = pytest.mark.database  # runs on SQLite and on PostgreSQL


def supporters_of(proposal) -> list[int]:
    return sorted(
        db.session.scalars(select(Support.user_id).where(Support.proposal_id == proposal.id))
    )


def answer_notifications(proposal) -> list[int]:
    """Recipients of answer notifications about `proposal`, one entry per row."""
    return sorted(
        db.session.scalars(
            select(Notification.recipient_id).where(
                Notification.kind == services.ANSWER_KIND,
                Notification.target_id == proposal.id,
            )
        )
    )


def test_a_proposal_keeps_its_folded_title_and_its_proposer_follows_it(app_ctx):
    author = make_user("mediator")
    proposal = make_proposal(
        author, title="  Διερμηνεία   σε ΔΟΜΕΣ υγείας ", languages=("ar", "fa")
    )
    db.session.commit()
    assert proposal.title == "Διερμηνεία σε ΔΟΜΕΣ υγείας"
    assert proposal.title_key == "διερμηνεια σε δομεσ υγειασ"
    assert proposal.status == "proposed" and proposal.support_count == 0
    assert services.viewer_state(db.session, proposal, author) == services.ViewerState(False, True)
    assert services.get_proposal(db.session, proposal.id).language_codes == ["ar", "fa"]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"title": " \n "}, services.EmptyTitle),
        ({"title": "x" * 201}, services.TitleTooLong),
        ({"body": "   "}, services.EmptyText),
        ({"body": "x" * 10_001}, services.TextTooLong),
        ({"theme_id": 999_999}, services.UnknownTheme),
        ({"theme_id": None}, services.UnknownTheme),
        ({"languages": ("el", "klingon")}, services.UnknownLanguage),
    ],
)
def test_bad_proposals_are_refused_with_a_named_error(app_ctx, fields, error):
    theme = make_theme()
    data = {"title": "Τίτλος", "body": "Κείμενο", "theme_id": theme.id, "languages": ()} | fields
    with pytest.raises(error):
        services.create_proposal(db.session, author=make_user(), **data)


def test_an_archived_theme_is_not_offered_nor_taken(app_ctx):
    theme = make_theme(archived=True)
    assert theme not in services.themes(db.session)
    with pytest.raises(services.UnknownTheme):
        make_proposal(theme=theme)


def test_similar_titles_are_found_without_accents_or_case(app_ctx):
    wanted = make_proposal(title="Διερμηνεία σε δομές ψυχικής υγείας")
    make_proposal(title="Άδειες διαμονής")
    merged = make_proposal(title="Διερμηνεία στα νοσοκομεία")
    make_trainer_answer(merged, "merged", merge_into=wanted)
    db.session.commit()
    found = services.similar(db.session, "ΔΙΕΡΜΗΝΕΙΑ ψυχικη")
    assert [row.id for row in found] == [wanted.id]  # the merged one is left out
    assert services.similar(db.session, "σε") == []  # short and common words say nothing
    assert services.similar(db.session, "100%_") == []
    with pytest.raises(services.QueryTooLong):
        services.similar(db.session, "x" * 201)


def test_one_support_per_member_and_withdrawing_it(app_ctx):
    proposal = make_proposal()
    member = make_user("mediator")
    assert services.support(db.session, proposal, member) is True
    assert services.support(db.session, proposal, member) is False
    db.session.commit()
    db.session.refresh(proposal)
    assert proposal.support_count == 1 and supporters_of(proposal) == [member.id]
    assert services.viewer_state(db.session, proposal, member) == services.ViewerState(True, True)
    assert services.withdraw(db.session, proposal, member) is True
    assert services.withdraw(db.session, proposal, member) is False
    db.session.commit()
    db.session.refresh(proposal)
    assert proposal.support_count == 0 and supporters_of(proposal) == []


def test_an_unfollow_is_kept_when_one_supports_again(app_ctx):
    proposal = make_proposal()
    member = make_user("mediator")
    services.support(db.session, proposal, member)
    services.follow(db.session, proposal, member, following=False)
    services.withdraw(db.session, proposal, member)
    services.support(db.session, proposal, member)
    db.session.commit()
    assert services.viewer_state(db.session, proposal, member) == services.ViewerState(True, False)


@pytest.mark.parametrize(
    ("status", "error"),
    [("declined", services.ProposalClosed), ("merged", services.ProposalMerged)],
)
def test_closed_and_merged_proposals_take_no_support_nor_comment(app_ctx, status, error):
    proposal, other = make_proposal(), make_proposal()
    make_trainer_answer(proposal, status, merge_into=other if status == "merged" else None)
    member = make_user("mediator")
    with pytest.raises(error):
        services.support(db.session, proposal, member)
    with pytest.raises(error):
        services.add_comment(db.session, proposal, author=member, body="Σχόλιο")


def test_comments_are_edited_by_their_author_with_history(app_ctx):
    proposal = make_proposal()
    author, other = make_user("mediator"), make_user("mediator")
    comment = services.add_comment(db.session, proposal, author=author, body="Πρώτη μορφή")
    db.session.commit()
    services.edit_comment(db.session, comment, editor=author, body="Πρώτη μορφή")  # unchanged
    services.edit_comment(db.session, comment, editor=author, body="Δεύτερη **μορφή**")
    db.session.commit()
    revisions = services.comment_revisions(db.session, comment)
    assert [revision.body for revision in revisions] == ["Πρώτη μορφή"]
    assert comment.body_html == '<p dir="auto">Δεύτερη <strong>μορφή</strong></p>'
    with pytest.raises(services.NotAllowed):
        services.edit_comment(db.session, comment, editor=other, body="Όχι δικό μου")
    db.session.refresh(proposal)
    assert proposal.comment_count == 1


def test_markdown_in_a_proposal_goes_through_the_text_gate(app_ctx):
    proposal = make_proposal(body="<script>alert(1)</script> [x](javascript:alert(1)) **ok**")
    assert "<script>" not in proposal.body_html and 'href="javascript' not in proposal.body_html
    assert "<strong>ok</strong>" in proposal.body_html


@pytest.mark.parametrize("role", ["mediator", "supervisor"])
def test_only_trainers_and_admins_answer_and_keep_notes(app_ctx, role):
    proposal = make_proposal()
    person = make_user(role)
    with pytest.raises(services.NotAllowed):
        services.change_status(
            db.session, proposal, actor=person, status="accepted", body="Εγκρίνεται"
        )
    with pytest.raises(services.NotAllowed):
        services.add_note(db.session, proposal, author=person, body="Σημείωση")
    with pytest.raises(services.NotAllowed):
        services.notes_of(db.session, person, proposal)
    with pytest.raises(services.NotAllowed):
        services.review_queue(db.session, person)


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (("accepted", "scheduled", "covered"), "under_review"),
        (("declined",), "accepted"),
        (("under_review", "accepted", "scheduled"), "declined"),
    ],
)
def test_the_statuses_move_only_along_the_allowed_paths(app_ctx, path, refused):
    proposal, trainer = make_proposal(), make_user("trainer")
    for status in path:
        make_trainer_answer(proposal, status, trainer=trainer)
    with pytest.raises(services.InvalidTransition):
        make_trainer_answer(proposal, refused, trainer=trainer)
    assert [answer.to_status for answer in services.answers_of(db.session, proposal)] == list(path)


def test_each_status_change_notifies_the_proposer_and_every_follower_once(app_ctx):
    proposer, trainer = make_user("mediator"), make_user("trainer")
    proposal = make_proposal(proposer)
    supporters = [make_user("mediator") for _ in range(3)]
    for person in supporters:
        services.support(db.session, proposal, person)
    follower, quitter, bystander = make_user("supervisor"), make_user("mediator"), make_user()
    services.follow(db.session, proposal, follower)
    services.support(db.session, proposal, quitter)
    services.follow(db.session, proposal, quitter, following=False)
    services.follow(db.session, proposal, trainer)  # the trainer is not told of their own answer
    db.session.commit()
    make_trainer_answer(proposal, "under_review", trainer=trainer)
    db.session.commit()
    told = sorted([proposer.id, follower.id] + [person.id for person in supporters])
    assert answer_notifications(proposal) == told
    make_trainer_answer(proposal, "accepted", trainer=trainer, body="Ναι")
    db.session.commit()
    assert answer_notifications(proposal) == sorted(told * 2)
    assert bystander.id not in answer_notifications(proposal)
    entries = db.session.scalars(
        select(AuditEntry.details)
        .where(AuditEntry.action == "training.proposal.status")
        .order_by(AuditEntry.id)
    ).all()
    assert entries == [
        {"from": "proposed", "to": "under_review"},
        {"from": "under_review", "to": "accepted"},
    ]


def test_a_merge_carries_supports_over_without_counting_anyone_twice(app_ctx):
    survivor, merged = make_proposal(), make_proposal()
    both, only_merged, only_survivor = make_user(), make_user(), make_user()
    for person in (both, only_survivor):
        services.support(db.session, survivor, person)
    for person in (both, only_merged):
        services.support(db.session, merged, person)
    db.session.commit()
    make_trainer_answer(merged, "merged", merge_into=survivor)
    db.session.commit()
    db.session.refresh(survivor)
    db.session.refresh(merged)
    assert supporters_of(survivor) == sorted([both.id, only_merged.id, only_survivor.id])
    assert survivor.support_count == 3
    assert merged.status == "merged" and merged.merged_into_id == survivor.id
    # The merged proposal's proposer and supporters now follow the survivor.
    followers = set(services.follower_ids(db.session, survivor.id))
    assert {merged.author_id, only_merged.id, both.id} <= followers


@pytest.mark.parametrize("target", ["itself", "merged", "covered", "missing"])
def test_a_merge_needs_another_open_proposal(app_ctx, target):
    proposal, trainer = make_proposal(), make_user("trainer")
    into = {"itself": proposal, "missing": None}.get(target)
    if into is None and target != "missing":
        into = make_proposal()
        if target == "merged":
            make_trainer_answer(into, "merged", merge_into=make_proposal(), trainer=trainer)
        else:
            for status in ("accepted", "scheduled", "covered"):
                make_trainer_answer(into, status, trainer=trainer)
    with pytest.raises(services.InvalidMergeTarget):
        make_trainer_answer(proposal, "merged", merge_into=into, trainer=trainer)


def test_notes_are_kept_for_trainers_and_admins(app_ctx):
    proposal = make_proposal()
    trainer, admin = make_user("trainer"), make_user("admin")
    services.add_note(db.session, proposal, author=trainer, body="Ιδιωτική σημείωση")
    db.session.commit()
    assert [note.body for note in services.notes_of(db.session, admin, proposal)] == [
        "Ιδιωτική σημείωση"
    ]


def test_the_review_queue_puts_unanswered_first_and_counts_regions(app_ctx):
    north, south = make_region(), make_region()
    people = [
        make_user(municipality=make_municipality(region)) for region in (north, north, south, south)
    ] + [make_user()]  # no municipality: no region
    answered = make_proposal()
    popular, quiet = make_proposal(), make_proposal()
    for person in people:
        services.support(db.session, popular, person)
        services.support(db.session, answered, person)
    services.support(db.session, quiet, people[0])
    make_trainer_answer(answered, "under_review")
    covered = make_proposal()
    for status in ("accepted", "scheduled", "covered"):
        make_trainer_answer(covered, status)
    db.session.commit()
    page = services.review_queue(db.session, make_user("trainer"))
    rows = [(row.proposal.id, row.regions) for row in page.items]
    assert rows == [(popular.id, 2), (quiet.id, 1), (answered.id, 2)]
