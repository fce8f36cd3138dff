ThisBuild / scalaVersion := "3.5.2"
ThisBuild / organization := "com.shop"

lazy val billing = (project in file("."))
  .settings(
    name := "billing",
    libraryDependencies += "org.scalameta" %% "munit" % "1.0.2" % Test
  )
