// @ts-check

/**
 * The per-Promise history of writes made through the plugin.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Before this migration the plugin created the table itself (same columns): keep such a table.
  if (await knex.schema.hasTable('kratix_history')) return;
  await knex.schema.createTable('kratix_history', table => {
    table.comment('Writes made through the Kratix plugin, one row per action');
    table.string('id').primary().comment('UUID of the entry');
    table.string('at').notNullable().comment('ISO 8601 time of the write');
    table.string('platform').notNullable();
    table.string('promise').notNullable();
    table.string('actor').notNullable().comment('entity ref of the user');
    table.string('action').notNullable();
    table.string('outcome').notNullable();
    table.text('summary').notNullable();
    table.text('details').notNullable().comment('JSON');
    table.index(['platform', 'promise', 'at']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('kratix_history');
};
