@echo off
rem The kit's `course` command from its root folder on Windows: `course run 02`. Builds first when the program is
rem missing; after pulling a new kit, run `dotnet build Course.sln -c Release` once (or use the dotnet run form).
setlocal
set "exe=%~dp0lib\Course.Notebooks\bin\course.exe"
if not exist "%exe%" dotnet build "%~dp0Course.sln" -c Release -nologo -v quiet || exit /b 1
"%exe%" %*
