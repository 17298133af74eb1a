function appSettings(env = process.env) {
  return Object.keys(env).filter((k) => k.startsWith('APP_')).sort();
}

async function remoteConfig(base) {
  const res = await fetch(`${base}/config`);
  return res.json();
}

module.exports = { appSettings, remoteConfig };
