"""Several small questions in one query: the sitemap index and the case filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.database.scalars import count_and_latest, together
from portal.models import PolicyCase, SustainableDevelopmentGoal
from tests.factories import PolicyCaseFactory

pytestmark = pytest.mark.django_db


def test_together_reads_each_part_by_name_in_one_query():
    PolicyCaseFactory(start_year=2019, end_year=2021)
    PolicyCaseFactory(start_year=2024, end_year=None)

    with CaptureQueriesContext(connection) as queries:
        goals, periods, nothing = together(
            SustainableDevelopmentGoal.objects.filter(number__lte=2).values("number"),
            # Asked for last first: Django may list the columns in any order.
            PolicyCase.objects.order_by().values("end_year", "start_year").distinct(),
            PolicyCase.objects.filter(pk=-1).values("start_year"),
        )

    assert len(queries) == 1
    assert sorted(goal["number"] for goal in goals) == [1, 2]
    assert sorted(periods, key=lambda row: row["start_year"]) == [
        {"end_year": 2021, "start_year": 2019},
        {"end_year": None, "start_year": 2024},
    ]
    assert nothing == []


def test_count_and_latest_of_each_queryset_in_one_query():
    cases = PolicyCaseFactory.create_batch(3)

    with CaptureQueriesContext(connection) as queries:
        found = count_and_latest(
            {
                "all": PolicyCase.objects.all(),
                "none": PolicyCase.objects.filter(pk=-1),
            },
            "updated_at",
            latest={"all", "none"},
        )

    assert len(queries) == 1
    assert found["all"] == (3, max(case.updated_at for case in cases))
    assert found["none"] == (0, None)
