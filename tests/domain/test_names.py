from coprod_desktop.domain.names import Names


def test_whole_names_parts_and_aliases_become_the_pseudonym():
    names = Names.of("P-01", "Margaret O'Neill", ["Maggie"], guardians=["Zeb Guardianson"])
    text = ("Margaret O'Neill said ask MAGGIE; Maggie's brother knows O'Neill. "
            "Mags and Margaretta are other people. Zeb signed.")
    assert names.replace(text) == (
        "P-01 said ask P-01; P-01's brother knows P-01. Mags and Margaretta are other people. "
        "[guardian of P-01] signed."
    )
    assert [m.group(0) for m in names.find("margaret, then o'neill")] == ["margaret", "o'neill"]


def test_particles_and_single_letters_are_not_searched_alone():
    names = Names.of("P-02", "Anna de la Cruz", [])
    assert names.replace("de la mode; Cruz; Anna") == "de la mode; P-02; P-02"
    assert not Names.of("P-03", "", [])
