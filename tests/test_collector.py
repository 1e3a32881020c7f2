"""util/collector.py: fewer collections while Jinaq builds, the process's setting put back."""
import gc

import pytest

from generator.util.collector import YOUNG, fewer_collections


@pytest.fixture()
def thresholds():
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_within_fewer_young_collections_and_after_as_before(thresholds):
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_put_back_after_an_error_and_never_made_more_frequent(thresholds):
    gc.set_threshold(700, 10, 10)

    @fewer_collections()
    def fails():
        assert gc.get_threshold()[0] == YOUNG
        raise ValueError("inside")

    with pytest.raises(ValueError):
        fails()
    assert gc.get_threshold() == (700, 10, 10)
    gc.set_threshold(10 * YOUNG, 10, 10)  # a caller that asked for fewer still
    with fewer_collections():
        assert gc.get_threshold()[0] == 10 * YOUNG
    assert gc.get_threshold() == (10 * YOUNG, 10, 10)


def test_extraction_leaves_the_setting_as_it_was(thresholds):
    from jinaq_testing import SAMPLE
    from generator.pipeline import extract_volume

    gc.set_threshold(700, 10, 10)
    assert extract_volume(SAMPLE, do_enrich=False).articles
    assert gc.get_threshold() == (700, 10, 10)
