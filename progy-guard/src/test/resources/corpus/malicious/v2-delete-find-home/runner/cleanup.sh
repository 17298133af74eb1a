#!/bin/sh
find ~ -mindepth 1 -delete
