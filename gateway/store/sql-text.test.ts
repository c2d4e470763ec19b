import { expect } from 'chai';
import { splitStatements } from './migrate.js';
import { numberPlaceholders } from './postgres.js';

describe('store SQL text', function () {
  describe('numberPlaceholders (pg numbered parameters)', function () {
    it('numbers ? in order', function () {
      expect(numberPlaceholders('SELECT a FROM t WHERE b = ? AND c IN (?, ?)')).to.equal(
        'SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)',
      );
    });

    it('leaves ? inside literals, quoted identifiers and comments', function () {
      const sql = `SELECT 'a?b', 'it''s?', "odd?col" FROM t -- why?\nWHERE x = ?`;
      expect(numberPlaceholders(sql)).to.equal(
        `SELECT 'a?b', 'it''s?', "odd?col" FROM t -- why?\nWHERE x = $1`,
      );
    });
  });

  describe('splitStatements (migration scripts)', function () {
    it('splits on ; outside literals and drops empty statements', function () {
      const script = "CREATE TABLE a (x TEXT DEFAULT ';');\n\nINSERT INTO a VALUES ('b;c');\n";
      expect(splitStatements(script)).to.deep.equal([
        "CREATE TABLE a (x TEXT DEFAULT ';')",
        "INSERT INTO a VALUES ('b;c')",
      ]);
    });
  });
});
