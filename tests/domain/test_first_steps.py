from coprod_desktop.domain.first_steps import STEPS, all_done, first_steps


def test_nothing_done_in_an_empty_project():
    steps = first_steps({})
    assert [s.key for s in steps] == [key for key, *_ in STEPS]
    assert not any(s.done for s in steps) and not all_done(steps)


def test_each_step_is_done_by_what_the_project_holds():
    done = {s.key for s in first_steps({"sessions": 1, "clips": 1, "decisions": 1})}
    steps = {s.key: s.done for s in first_steps({"sessions": 1, "clips": 1, "decisions": 1})}
    assert done == set(steps)
    assert steps == {"session": True, "people": False, "consent": False, "material": True,
                     "review": True, "pack": False}  # fmt: skip


def test_a_pack_made_means_the_review_was_done():
    steps = {s.key: s.done for s in first_steps({"packs": 1})}
    assert steps["review"] and steps["pack"]
