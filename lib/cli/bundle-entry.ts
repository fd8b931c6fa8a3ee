// What bin/dirsync.mjs takes from the prebuilt bundle (scripts/build-cli.mjs): the command and the
// host's files, which only the real command line is given (the console's prompt gets the model's).
export { main } from './main';
export { hostFiles } from './host-files';
