"""psycopg2 and SQLAlchemy against Strata's PostgreSQL wire protocol server; run by PgWireClientsIT.

Prints one JSON object: what SQLAlchemy's PostgreSQL inspector finds (tables, columns and their types), and the
answers of a few queries (through psycopg2 directly, and through SQLAlchemy Core with a bound parameter and a
reflected table). Arguments: port, token (the password), a quantity threshold.
"""
import json
import sys

import psycopg2
import sqlalchemy as sa

port, token, minimum = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
out = {}

with psycopg2.connect(host="127.0.0.1", port=port, dbname="strata", user="bi", password=token,
                      sslmode="disable") as connection:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), sum(quantity), sum(revenue) FROM sql_sales")
        count, quantity, revenue = cursor.fetchone()
        out["totals"] = [count, quantity, revenue]
        cursor.execute("SELECT country, count(*) AS n FROM sql_sales WHERE quantity >= %s GROUP BY country "
                       "ORDER BY country", (minimum,))
        out["by_country"] = {row[0]: row[1] for row in cursor.fetchall()}
        try:
            cursor.execute("SELECT * FROM sql_private")
            out["private"] = "readable"
        except psycopg2.Error as e:
            out["private"] = e.pgcode
            connection.rollback()

engine = sa.create_engine("postgresql+psycopg2://bi:%s@127.0.0.1:%d/strata?sslmode=disable" % (token, port))
inspector = sa.inspect(engine)
out["tables"] = sorted(inspector.get_table_names())
out["columns"] = [[c["name"], str(c["type"]), c["nullable"]] for c in inspector.get_columns("sql_sales")]
with engine.connect() as connection:
    sales = sa.Table("sql_sales", sa.MetaData(), autoload_with=connection)
    query = (sa.select(sales.c.device, sa.func.sum(sales.c.quantity))
             .where(sales.c.quantity >= sa.bindparam("minimum"))
             .group_by(sales.c.device).order_by(sales.c.device))
    out["by_device"] = {device: int(total) for device, total in connection.execute(query, {"minimum": minimum})}
print(json.dumps(out))
