import { describe, expect, it } from '@jest/globals';
import { mysqlTypes } from '../../../src/assets/mysql/types.js';

describe('MySQL type spellings', () => {
  it.each([
    ['INT(11)', 'int'],
    ['INTEGER', 'int'],
    ['int4', 'int'],
    ['INT(10) UNSIGNED ZEROFILL', 'int unsigned'],
    ['BIGINT(20) unsigned', 'bigint unsigned'],
    ['SERIAL', 'bigint unsigned'],
    ['BOOL', 'tinyint(1)'],
    ['BOOLEAN', 'tinyint(1)'],
    ['TINYINT(4)', 'tinyint'],
    ['NUMERIC', 'decimal(10,0)'],
    ['DEC(12)', 'decimal(12,0)'],
    ['FIXED(12,2)', 'decimal(12,2)'],
    ['REAL', 'double'],
    ['DOUBLE PRECISION', 'double'],
    ['FLOAT(30)', 'double'],
    ['FLOAT(10)', 'float'],
    ['CHARACTER VARYING(10)', 'varchar(10)'],
    ['VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin', 'varchar(10)'],
    ['VARCHAR(10) CHARSET utf8', 'varchar(10) character set utf8mb3'],
    ['NVARCHAR(10)', 'varchar(10) character set utf8mb3'],
    ['VARCHAR(10) COLLATE latin1_swedish_ci', 'varchar(10) character set latin1'],
    ['VARCHAR(10) CHARACTER SET binary', 'varbinary(10)'],
    ['CHAR', 'char(1)'],
    ['TEXT(100)', 'text'],
    ['TEXT(70000)', 'mediumtext'],
    ['LONG VARCHAR', 'mediumtext'],
    ["ENUM('a','b')", 'enum'],
    ["SET('x','y')", "set('x','y')"],
    ['DATETIME(0)', 'datetime'],
    ['TIMESTAMP(6)', 'timestamp(6)'],
    ['YEAR(4)', 'year'],
    ['BIT', 'bit(1)'],
  ])('reads %s as %s', (spelling, canonical) => {
    expect(mysqlTypes.normalize(spelling)).toBe(canonical);
  });
});

describe('what a contract type holds', () => {
  it.each([
    ['integer', 'bigint unsigned', true],
    ['integer', 'tinyint(1)', false],
    ['boolean', 'tinyint(1)', true],
    ['boolean', 'bit(1)', true],
    ['boolean', 'tinyint', false],
    ['int', 'bigint', true],
    ['string', "enum('a')", true],
    ['string', 'varchar(64) character set latin1', true],
    ['string', 'blob', false],
    ['bytes', 'varbinary(16)', true],
    ['decimal', 'decimal(12,2)', true],
    ['decimal', 'double', false],
    ['number', 'double', true],
    ['timestamp', 'datetime(6)', true],
    ['timestamp', 'date', false],
    ['date', 'date', true],
    ['json', 'json', true],
    ['uuid', 'uuid', true],
    ['uuid', 'char(36)', false],
    ['varchar(64)', 'varchar(32)', true],
    ['varchar(64)', 'varchar(128)', false],
    ['varchar(64)', 'varchar(64) character set latin1', true],
    ['varchar(64) character set latin1', 'varchar(64)', false],
    ['char(10)', 'varchar(10)', false],
    ['text', 'varchar(16383)', true],
    ['text', 'varchar(16384)', false],
    ['decimal(12,2)', 'decimal(10,2)', true],
    ['decimal(12,2)', 'decimal(12,3)', false],
    ['decimal(12,2)', 'int', true],
    ['decimal(12,2) unsigned', 'decimal(10,2)', false],
    ['double', 'float', true],
    ['float', 'double', false],
    ['datetime(6)', 'datetime(3)', true],
    ['datetime', 'datetime(3)', false],
    ["set('a','b')", "set('a')", true],
    ['enum', "enum('a','b')", true],
  ])('%s holds %s: %s', (contract, actual, holds) => {
    expect(mysqlTypes.canHold(contract, actual)).toBe(holds);
  });
});

describe('widenings inside a family', () => {
  it.each([
    ['varchar(64)', 'varchar(128)', true],
    ['varchar(128)', 'varchar(64)', false],
    ['varchar(64)', 'text', true],
    ['char(10)', 'varchar(10)', true],
    ['varchar(10)', 'char(10)', false],
    ['varchar(64) character set latin1', 'varchar(64)', true],
    ['varchar(64)', 'varchar(64) character set latin1', false],
    ['varchar(64) character set utf8mb3', 'varchar(64)', true],
    ['int', 'bigint', true],
    ['bigint', 'int', false],
    ['int', 'int unsigned', false],
    ['int unsigned', 'bigint', true],
    ['smallint unsigned', 'int', true],
    ['int unsigned', 'int', false],
    ['decimal(10,2)', 'decimal(12,2)', true],
    ['decimal(12,2)', 'decimal(12,3)', false],
    ['decimal(12,2)', 'decimal(13,3)', true],
    ['decimal(12,2)', 'decimal(12,2) unsigned', false],
    ['float', 'double', true],
    ['double', 'float', false],
    ['date', 'datetime', true],
    ['date', 'timestamp', false],
    ['timestamp', 'datetime', true],
    ['datetime', 'timestamp', false],
    ['datetime', 'datetime(6)', true],
    ['datetime(6)', 'datetime', false],
    ['varbinary(16)', 'blob', true],
    ['binary(16)', 'varbinary(16)', true],
    ['binary(16)', 'binary(32)', false],
    ["set('a','b')", "set('a','b','c')", true],
    ["set('a','b')", "set('b','a')", false],
    ['bit(1)', 'tinyint(1)', true],
    ['int(11)', 'int', false],
  ])('%s to %s: %s', (before, after, widening) => {
    expect(mysqlTypes.isWidening(before, after)).toBe(widening);
  });
});

describe('type families', () => {
  it.each([
    ['tinyint(1)', 'boolean'],
    ['bit(1)', 'boolean'],
    ['tinyint', 'integer'],
    ['bigint unsigned', 'integer'],
    ['decimal(12,2)', 'decimal'],
    ['double', 'decimal'],
    ['varchar(64)', 'text'],
    ['mediumtext', 'text'],
    ["set('a')", 'text'],
    ["enum('a')", 'enum'],
    ['datetime(6)', 'datetime'],
    ['year', 'datetime'],
    ['json', 'json'],
    ['uuid', 'uuid'],
    ['varbinary(16)', 'bytes'],
    ['longblob', 'bytes'],
    ['geometry', undefined],
    ['bit(8)', undefined],
    ['string', 'text'],
    ['integer', 'integer'],
  ])('%s is in the %s family', (type, family) => {
    expect(mysqlTypes.familyOf(type)).toBe(family);
  });
});
