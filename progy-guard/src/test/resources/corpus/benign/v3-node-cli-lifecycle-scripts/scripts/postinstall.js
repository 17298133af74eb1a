console.log('Run `npm test` to check your exercise.');
