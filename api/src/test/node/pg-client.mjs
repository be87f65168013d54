// node-postgres (pg) against Strata's PostgreSQL wire protocol server; run by PgWireClientsIT.
// Prints one JSON object: totals (simple protocol), a parameterized query (extended protocol, rows as arrays),
// and the SQLSTATE of an unknown column. Arguments: port, token (the password), a quantity threshold.
import pg from 'pg';

const [port, token, minimum] = process.argv.slice(2);
const client = new pg.Client({host: '127.0.0.1', port: Number(port), database: 'strata', user: 'bi', password: token});
await client.connect();
const out = {};
const totals = await client.query('SELECT count(*) AS n, sum(quantity) AS q FROM sql_sales');
out.totals = [Number(totals.rows[0].n), Number(totals.rows[0].q)];
const byCountry = await client.query({
  text: 'SELECT country, count(*) AS n, sum(quantity) AS q FROM sql_sales WHERE quantity >= $1 GROUP BY country ORDER BY country',
  values: [Number(minimum)],
  rowMode: 'array',
});
out.byCountry = Object.fromEntries(byCountry.rows.map(([country, n, q]) => [country, [Number(n), Number(q)]]));
out.types = byCountry.fields.map((f) => f.dataTypeID);
try {
  await client.query('SELECT no_such_column FROM sql_sales');
  out.unknownColumn = 'answered';
} catch (e) {
  out.unknownColumn = e.code;
}
await client.end();
console.log(JSON.stringify(out));
