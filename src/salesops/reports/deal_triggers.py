"""The triggers that mark the deals whose V-1 / V-2 rollups may have moved (issue 18):
any change of an opportunity's reported columns, any snapshot written, changed or
deleted, an account's territory moved or the account deleted (``deals_rollup``)."""

from __future__ import annotations

from sqlalchemy import Connection

OPP_COLUMNS = (
    "owner_id, pipeline, stage, probability, forecast_category, amount, close_date, "
    "lead_source, account_id"
)


def install(conn: Connection) -> None:
    """Triggers marking the opportunities whose deal counts may have moved."""
    if conn.dialect.name == "postgresql":
        mark = "INSERT INTO report_deal_dirty (opportunity_id)"
        for sql in (
            f"""CREATE OR REPLACE FUNCTION report_deal_mark_opp() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'INSERT' THEN {mark} VALUES (OLD.id) ON CONFLICT DO NOTHING; END IF;
              IF TG_OP <> 'DELETE' THEN {mark} VALUES (NEW.id) ON CONFLICT DO NOTHING; END IF;
              RETURN NULL;
            END $$""",
            f"""CREATE OR REPLACE FUNCTION report_deal_mark_snap() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'INSERT' THEN
                {mark} VALUES (OLD.opportunity_id) ON CONFLICT DO NOTHING;
              END IF;
              IF TG_OP <> 'DELETE' THEN
                {mark} VALUES (NEW.opportunity_id) ON CONFLICT DO NOTHING;
              END IF;
              RETURN NULL;
            END $$""",
            f"""CREATE OR REPLACE FUNCTION report_deal_mark_account() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              {mark} SELECT id FROM opportunities WHERE account_id = OLD.id
                ON CONFLICT DO NOTHING;
              RETURN NULL;
            END $$""",
            "DROP TRIGGER IF EXISTS report_deal_opp ON opportunities",
            f"""CREATE TRIGGER report_deal_opp AFTER INSERT OR DELETE OR UPDATE OF
            {OPP_COLUMNS} ON opportunities FOR EACH ROW EXECUTE FUNCTION report_deal_mark_opp()""",
            "DROP TRIGGER IF EXISTS report_deal_snap ON opportunity_snapshots",
            """CREATE TRIGGER report_deal_snap AFTER INSERT OR DELETE OR UPDATE
            ON opportunity_snapshots FOR EACH ROW EXECUTE FUNCTION report_deal_mark_snap()""",
            "DROP TRIGGER IF EXISTS report_deal_account ON accounts",
            """CREATE TRIGGER report_deal_account AFTER DELETE OR UPDATE OF territory
            ON accounts FOR EACH ROW EXECUTE FUNCTION report_deal_mark_account()""",
        ):
            conn.exec_driver_sql(sql)
        return
    mark = "INSERT OR IGNORE INTO report_deal_dirty (opportunity_id)"
    by_account = "SELECT id FROM opportunities WHERE account_id ="
    for sql in (
        "CREATE TRIGGER IF NOT EXISTS report_deal_opp_ins AFTER INSERT ON opportunities "
        f"BEGIN {mark} VALUES (NEW.id); END",
        f"CREATE TRIGGER IF NOT EXISTS report_deal_opp_upd AFTER UPDATE OF {OPP_COLUMNS} "
        f"ON opportunities BEGIN {mark} VALUES (OLD.id); {mark} VALUES (NEW.id); END",
        "CREATE TRIGGER IF NOT EXISTS report_deal_opp_del AFTER DELETE ON opportunities "
        f"BEGIN {mark} VALUES (OLD.id); END",
        "CREATE TRIGGER IF NOT EXISTS report_deal_snap_ins AFTER INSERT ON "
        f"opportunity_snapshots BEGIN {mark} VALUES (NEW.opportunity_id); END",
        "CREATE TRIGGER IF NOT EXISTS report_deal_snap_upd AFTER UPDATE ON "
        f"opportunity_snapshots BEGIN {mark} VALUES (OLD.opportunity_id); "
        f"{mark} VALUES (NEW.opportunity_id); END",
        "CREATE TRIGGER IF NOT EXISTS report_deal_snap_del AFTER DELETE ON "
        f"opportunity_snapshots BEGIN {mark} VALUES (OLD.opportunity_id); END",
        "CREATE TRIGGER IF NOT EXISTS report_deal_account_upd AFTER UPDATE OF territory "
        f"ON accounts BEGIN {mark} {by_account} OLD.id; END",
        "CREATE TRIGGER IF NOT EXISTS report_deal_account_del AFTER DELETE ON accounts "
        f"BEGIN {mark} {by_account} OLD.id; END",
    ):
        conn.exec_driver_sql(sql)


def uninstall(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        for trigger, table in (
            ("report_deal_opp", "opportunities"),
            ("report_deal_snap", "opportunity_snapshots"),
            ("report_deal_account", "accounts"),
        ):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        for fn in ("opp", "snap", "account"):
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS report_deal_mark_{fn}()")
        return
    for name in ("opp_ins", "opp_upd", "opp_del", "snap_ins", "snap_upd", "snap_del"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS report_deal_{name}")
    for name in ("account_upd", "account_del"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS report_deal_{name}")
