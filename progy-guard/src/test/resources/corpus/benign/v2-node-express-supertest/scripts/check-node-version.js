const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  console.error(`Node 20 or newer is needed, this is ${process.version}`);
  process.exit(1);
}
