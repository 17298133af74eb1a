# the course's own shell settings, sourced by the runner into a scratch shell
alias ll='ls -la'
export PS1='course$ '
export PATH="$PWD/bin:$PATH"
