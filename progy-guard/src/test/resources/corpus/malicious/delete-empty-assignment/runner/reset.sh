#!/bin/bash
WORKSPACE=""
rm -rf "${WORKSPACE}"/*
