// Return the names of the environment variables that start with APP_, sorted.
function appSettings(env = process.env) {
  return [];
}

module.exports = { appSettings };
