from reader.claims import bit_runs, has_run


def test_bit_runs_are_the_runs_of_set_bits_lowest_first() -> None:
    mask = 0b1110_0100_1011
    assert list(bit_runs(mask)) == [
        (0, 2, 0b11),
        (3, 1, 0b1000),
        (6, 1, 0b100_0000),
        (9, 3, 0b1110_0000_0000),
    ]
    assert list(bit_runs(0)) == []


def test_has_run_wants_that_many_bits_in_a_row() -> None:
    assert has_run(0b1011, 2)
    assert not has_run(0b1011, 3)
    assert has_run(0b0111_0101, 3)
    assert not has_run(0b1010_1010, 2)
    assert has_run(0b1, 1)
